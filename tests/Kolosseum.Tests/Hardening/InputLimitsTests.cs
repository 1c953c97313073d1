using System.Globalization;
using System.Text;
using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Hostile files are refused by the limits of docs/hardening.md, each with a located KOL010 naming the
/// limit, exit code 2, and little memory: the allocations of the whole refusal are measured and bounded
/// (a real expansion of a billion-laughs file would need gigabytes).
/// </summary>
public sealed class InputLimitsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-limits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Runs <c>plan</c> on the text; returns the diagnostics printed and the bytes allocated meanwhile.</summary>
    private (int Code, string Stderr, long Allocated) Plan(string text)
    {
        string file = Path.Combine(_folder, "hostile.yaml");
        File.WriteAllText(file, text);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var (code, stdout, stderr) = CliRunner.Run("plan", file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal("", stdout);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        return (code, stderr, allocated);
    }

    private static string BillionLaughs()
    {
        var sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++)
            sb.Append(CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return sb.ToString(); // 10^10 values once expanded, in 600 bytes
    }

    [Fact]
    public void A_billion_laughs_file_is_refused_at_the_alias_that_crosses_the_limit()
    {
        var (code, stderr, allocated) = Plan(BillionLaughs());
        Assert.Equal(2, code);
        Assert.Matches(@"hostile\.yaml:\d+:\d+: error KOL010: more than 200000 values once aliases are expanded", stderr);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Theory]
    [InlineData("flow sequence")]
    [InlineData("flow mapping")]
    [InlineData("block sequence")]
    public void Nesting_10000_deep_is_refused_at_the_level_past_the_limit(string style)
    {
        string value = style switch
        {
            "flow sequence" => new string('[', 10_000) + new string(']', 10_000),
            "flow mapping" => string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000),
            // Block style without indentation: "- - - x" nests one sequence per dash.
            _ => "\n  " + string.Concat(Enumerable.Repeat("- ", 10_000)) + "x",
        };
        var (code, stderr, allocated) = Plan("name: deep\nmodel: " + value + "\n");
        Assert.Equal(2, code);
        Assert.Matches(@"hostile\.yaml:[23]:\d+: error KOL010: nesting deeper than 64 levels", stderr);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Block_nesting_10000_deep_with_indentation_is_refused_by_the_size_limit_before_reading()
    {
        // Each level indents one more space: 10,000 levels take 50 MB, beyond the 4 MiB document limit.
        var sb = new StringBuilder();
        for (int i = 0; i < 10_000; i++) sb.Append(' ', i).Append("k:\n");
        var (code, stderr, allocated) = Plan(sb.ToString());
        Assert.Equal(2, code);
        Assert.Contains("error KOL010: file is larger than the limit of 4194304 bytes", stderr, StringComparison.Ordinal);
        Assert.True(allocated < 64L * 1024 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void A_document_over_4_MiB_is_refused()
    {
        var (code, stderr, _) = Plan("name: big\ndescription: x\n# " + new string('x', 5_000_000) + "\n");
        Assert.Equal(2, code);
        Assert.Contains("error KOL010: file is larger than the limit of 4194304 bytes", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_over_16_KiB_is_refused_where_it_starts()
    {
        var (code, stderr, _) = Plan("name: long\ndescription: " + new string('x', 20_000) + "\n");
        Assert.Equal(2, code);
        Assert.Contains("hostile.yaml:2:14: error KOL010: a value of 20000 characters; the limit is 16384", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_over_10000_items_is_refused()
    {
        var (code, stderr, _) = Plan("name: list\nreliability:\n  failure_rates: [" + string.Join(", ", Enumerable.Repeat("llama3", 10_001)) + "]\n");
        Assert.Equal(2, code);
        Assert.Matches(@"hostile\.yaml:3:\d+: error KOL010: a list of more than 10000 items", stderr);
    }

    [Fact]
    public void More_than_64_options_are_refused_at_the_65th()
    {
        var sb = new StringBuilder("name: many\nmodel: llama3.1-8b\ntraining: {tokens: 1T, global_batch: 512, precision: bf16}\noptions:\n");
        for (int i = 0; i < 65; i++) sb.Append(CultureInfo.InvariantCulture, $"  - {{name: o{i}, gpu: H100-SXM-80GB, gpus: 64, ownership: rented}}\n");
        var (code, stderr, _) = Plan(sb.ToString());
        Assert.Equal(2, code);
        Assert.Contains("hostile.yaml:69:5: error KOL010: options: more than 64 cluster options", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_32_scaling_fractions_are_refused()
    {
        var bag = new DiagnosticBag();
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"))
            .Replace("scaling_fractions: []", "scaling_fractions: [" + string.Join(", ", Enumerable.Repeat("0.5", 33)) + "]", StringComparison.Ordinal);
        Assert.Null(ScenarioLoader.Parse(text, "fractions.yaml", bag));
        var d = Assert.Single(bag.Items, d => d.Code == DiagnosticCodes.LimitExceeded);
        Assert.Equal("search.scaling_fractions", d.Field);
        Assert.Contains("at most 32", d.Rule, StringComparison.Ordinal);
        Assert.True(d.Location.Line > 0);
    }

    [Fact]
    public void The_limits_are_the_documented_ones()
    {
        var limits = YamlLimits.Default;
        Assert.Equal(4L * 1024 * 1024, limits.MaxBytes);
        Assert.Equal(64, limits.MaxDepth);
        Assert.Equal(200_000, limits.MaxExpandedNodes);
        Assert.Equal(16 * 1024, limits.MaxScalarLength);
        Assert.Equal(10_000, limits.MaxSequenceLength);
        Assert.Equal(64, ScenarioLoader.MaxOptions);
    }
}
