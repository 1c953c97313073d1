using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// The resolved scenario the report shows and 'plan --write-resolved' writes is a scenario file: the normal loader
/// reads it without a single diagnostic, and planning it gives the same plan, figure for figure.
/// </summary>
public sealed class ResolvedScenarioRoundTripTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kolosseum-resolved-").FullName;

    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string> { "" }; // the embedded default
        foreach (var f in Directory.GetFiles(Path.Combine(Approvals.RepositoryRoot(), "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_resolved_scenario_loads_without_a_diagnostic_and_plans_to_the_same_plan(string name)
    {
        string[] input = name.Length == 0 ? [] : [Path.Combine(Approvals.RepositoryRoot(), "scenarios", name)];
        string resolved = Path.Combine(_dir, "resolved.yaml");
        // A seed other than the scenario's: the file must carry it. --trials has no scenario key for the build-out
        // and is given again (the file's header says so).
        string[] flags = ["--no-uncertainty", "--no-what-if", "--trials", "20", "--json"];
        var first = CliRunner.Run([.. "plan".Split(' '), .. input, .. flags, "--seed", "7", "--write-resolved", resolved]);
        Assert.True(first.Code is 0 or 1, first.Stderr);

        var bag = new DiagnosticBag();
        var loaded = ScenarioLoader.Load(resolved, bag);
        Assert.True(bag.Items.Count == 0, string.Join("\n", bag.Sorted().Select(d => d.Format())) + "\n" + File.ReadAllText(resolved));
        Assert.NotNull(loaded);

        var again = CliRunner.Run(["plan", resolved, .. flags]);
        Assert.Equal(first.Code, again.Code);
        var a = WithoutInputEcho(first.Stdout);
        var b = WithoutInputEcho(again.Stdout);
        Assert.Equal(7, a["seed"]!.GetValue<long>());
        Assert.Equal(a.ToJsonString(), b.ToJsonString());
    }

    [Fact]
    public void The_report_shows_exactly_the_file_that_write_resolved_writes()
    {
        string report = Path.Combine(_dir, "plan.html");
        string resolved = Path.Combine(_dir, "resolved.yaml");
        var run = CliRunner.Run("plan", Path.Combine(Approvals.RepositoryRoot(), "scenarios", "explicit-layout-and-overrides.yaml"),
            "--no-uncertainty", "--no-what-if", "--trials", "20", "--report", report, "--write-resolved", resolved);
        Assert.True(run.Code == 0, run.Stderr);
        string yaml = File.ReadAllText(resolved);
        Assert.Contains("catalog:", yaml, StringComparison.Ordinal); // the price overrides travel with it
        Assert.Contains(WebUtility.HtmlEncode(yaml).Replace("&#39;", "'", StringComparison.Ordinal), File.ReadAllText(report).Replace("&#39;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    /// <summary>The plan without its echo of the inputs (file name, where each setting came from): every result.</summary>
    private static JsonObject WithoutInputEcho(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove("scenario"));
        return node;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // a temporary folder left behind is harmless
        }
    }
}
