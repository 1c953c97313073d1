using System.Text.Json;
using Kolosseum.Cli.Infrastructure;

namespace Kolosseum.Tests.Buildout;

/// <summary><c>kolosseum buildout</c>: exit codes, JSON document, determinism of the output for a seed.</summary>
public class BuildoutCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Kolosseum.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Json_for_the_default_scenario_has_both_options_and_is_the_same_for_a_seed()
    {
        var first = Run("buildout", "--json", "--trials", "400", "--seed", "7");
        var second = Run("buildout", "--json", "--trials", "400", "--seed", "7");
        Assert.Equal(ExitCodes.Success, first.Code);
        Assert.Equal(first.Out, second.Out);
        Assert.Equal("", first.Err);

        using var doc = JsonDocument.Parse(first.Out);
        var options = doc.RootElement.GetProperty("options");
        Assert.Equal(2, options.GetArrayLength());
        var rent = options[0];
        Assert.Equal("rent", rent.GetProperty("preset").GetString());
        Assert.Equal(0, rent.GetProperty("full_capacity").GetProperty("days").GetProperty("p90").GetDouble());
        var build = options[1];
        Assert.Equal("fast-track", build.GetProperty("preset").GetString());
        Assert.True(build.GetProperty("start_is_default").GetBoolean());
        var full = build.GetProperty("full_capacity").GetProperty("days");
        var firstTraining = build.GetProperty("first_training").GetProperty("days");
        Assert.True(firstTraining.GetProperty("p50").GetDouble() <= full.GetProperty("p50").GetDouble());
        Assert.True(full.GetProperty("p50").GetDouble() <= full.GetProperty("p90").GetDouble());
        Assert.All(build.GetProperty("phases").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("source").GetString())));
        Assert.Equal(100_000, build.GetProperty("weekly").EnumerateArray().Last().GetProperty("gpus").GetProperty("p10").GetInt64());
    }

    [Fact]
    public void A_one_off_preset_run_prints_the_tables()
    {
        var (code, output, _) = Run("buildout", "--preset", "hyperscale", "--gpus", "24k", "--trials", "300");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("grid_interconnection", output, StringComparison.Ordinal);
        Assert.Contains("first training", output, StringComparison.Ordinal);
        Assert.Contains("full capacity", output, StringComparison.Ordinal);
        Assert.Contains("H100-SXM-80GB (default)", output, StringComparison.Ordinal);
        Assert.Contains("start 2024-07-10 (default)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "buildout", "--preset", "fast-trak", "--gpus", "100k" }, "did you mean 'fast-track'?")]
    [InlineData(new[] { "buildout", "--preset", "fast-track" }, "--preset needs the number of GPUs")]
    [InlineData(new[] { "buildout", "--gpus", "100k" }, "--gpus needs a build-out preset")]
    [InlineData(new[] { "buildout", "--trials", "0" }, "--trials = '0'")]
    [InlineData(new[] { "buildout", "--start", "2024-13-01" }, "YYYY-MM-DD")]
    [InlineData(new[] { "buildout", "--option", "Build 100k h100" }, "did you mean 'Build 100k H100'?")]
    [InlineData(new[] { "buildout", "--preset", "rent", "--gpus", "1e30" }, "--gpus")]
    public void Bad_flags_exit_2_with_a_located_diagnostic(string[] args, string expected)
    {
        var (code, output, error) = Run(args);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_with_a_phase_cycle_exits_2_with_file_line_and_column()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kolosseum-buildout-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            name: cycle
            model: llama3.1-8b
            training: {tokens: 1T, global_batch: 512, seq_len: 8192, precision: bf16}
            options:
              - name: A
                gpu: H100-SXM-80GB
                gpus: 1024
                ownership: owned
                buildout:
                  phases:
                    a: {duration: 1 week, after: [b]}
                    b: {duration: 1 week, after: [a]}
            """);
        try
        {
            var (code, _, error) = Run("buildout", path);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains($"{path}:12:", error, StringComparison.Ordinal);
            Assert.Contains("cycle", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
