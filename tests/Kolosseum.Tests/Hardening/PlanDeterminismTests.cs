using System.Globalization;
using Kolosseum.Cli.Commands;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// The same scenario and seed give byte-identical plan JSON whatever the thread count and the culture.
/// The CLI sets the invariant culture itself, so the library is also run directly under de-DE (a decimal
/// comma), where a culture-dependent format would show in the answer text or the echoed values.
/// </summary>
public sealed class PlanDeterminismTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-determinism-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>The tiny plan with one option left to the layout search, so that search, reliability, what-if and build-out all run.</summary>
    private string File
    {
        get
        {
            string path = Path.Combine(_folder, "determinism.yaml");
            System.IO.File.WriteAllText(path, System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"))
                .Replace("    layout: {tp: 2, pp: 1, dp: 8, zero: 1, micro_batch: 1}\n", "", StringComparison.Ordinal));
            return path;
        }
    }

    private string Cli(int threads, string culture)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo(culture);
            var (code, stdout, stderr) = CliRunner.Run("plan", File, "--seed", "11", "--trials", "60", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--json");
            Assert.True(code == 0, stderr);
            return stdout;
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void The_plan_json_is_byte_identical_for_one_or_two_threads_and_under_de_DE()
    {
        string one = Cli(1, "en-US");
        string two = Cli(2, "de-DE");
        Assert.Equal(one, two);
        Assert.Contains("\"what_if\": [", one, StringComparison.Ordinal); // the what-if simulations are part of it
        Assert.Contains("\"layout_searched\": true", one, StringComparison.Ordinal); // and a layout search
    }

    [Fact]
    public void The_library_under_de_DE_writes_the_same_json_as_under_the_invariant_culture()
    {
        string Run(string culture, int threads)
        {
            var saved = CultureInfo.CurrentCulture;
            try
            {
                CultureInfo.CurrentCulture = new CultureInfo(culture);
                var scenario = ScenarioLoader.Load(File, new DiagnosticBag())!;
                var plan = Planner.Run(scenario, new PlanOptions { Seed = 11, Trials = 60, Threads = threads, WhatIf = false });
                return Json.Serialize(PlanJson.Of(plan));
            }
            finally
            {
                CultureInfo.CurrentCulture = saved;
            }
        }

        string invariant = Run("", 2);
        string german = Run("de-DE", 1);
        Assert.Equal(invariant, german);
    }
}
