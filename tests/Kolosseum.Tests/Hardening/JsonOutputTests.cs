using System.Text.Json;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Every command's --json on edge inputs (a PUE at its lower end, a CSV with no predictable row, a window
/// shorter than the work, one GPU) is one valid JSON document: no NaN or infinity (null instead), never a
/// crash. And the documents of search and reliability are the same bytes for the same seed on 1 or 2 threads.
/// </summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-json-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The tiny plan at the lower end of the documented PUE range (1 to 3): the tornado used to push it below 1.</summary>
    private string LowPue(string pue) => Write("pue.yaml", File.ReadAllText(Data("tiny-plan.yaml")) + "power:\n  pue: " + pue + "\n");

    /// <summary>One published row whose reported layout cannot fit (22B on 8 GPUs, no model parallelism): nothing to average.</summary>
    private string Unpredictable()
    {
        string[] lines = File.ReadAllLines(Data(Path.Combine("validation", "runs.csv")));
        string row = lines.Skip(1).First(l => l.StartsWith("korthikanti-22b-full,", StringComparison.Ordinal))
            .Replace(",8,8,1,1,1,1,1,4,4,", ",8,1,1,8,1,1,1,4,32,", StringComparison.Ordinal);
        return Write("unpredictable.csv", lines[0] + "\n" + row + "\n");
    }

    public static TheoryData<string> Cases => new()
    {
        "cost-pue-1", "cost-pue-1.05", "plan-pue-1.05", "validate-no-row", "reliability-short-window", "reliability-one-gpu", "power-pue-1",
        "fabric-one-gpu", "estimate-one-gpu", "search-one-gpu", "buildout", "catalog",
    };

    private string[] Args(string name) => name switch
    {
        "cost-pue-1" => ["cost", LowPue("1"), "--json"],
        "cost-pue-1.05" => ["cost", LowPue("1.05"), "--json"],
        "plan-pue-1.05" => ["plan", LowPue("1.05"), "--trials", "20", "--no-what-if", "--json"],
        "validate-no-row" => ["validate", "--runs", Unpredictable(), "--json"],
        "reliability-short-window" => ["reliability", "--days", "10", "--window", "8.5", "--trials", "20", "--json"],
        "reliability-one-gpu" => ["reliability", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--model", "llama3.1-8b", "--days", "0.01", "--trials", "20", "--json"],
        "power-pue-1" => ["power", "--gpu", "H100-SXM-80GB", "--gpus", "8", "--pue", "1", "--json"],
        "fabric-one-gpu" => ["fabric", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--json"],
        "estimate-one-gpu" => ["estimate", "--model", "llama3.1-8b", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--global-batch", "1", "--tp", "1", "--pp", "1", "--json"],
        "search-one-gpu" => ["search", "--model", "llama3.1-8b", "--gpu", "H100-SXM-80GB", "--gpus", "1", "--global-batch", "1", "--json"],
        "buildout" => ["buildout", Data("tiny-plan.yaml"), "--json"],
        _ => ["catalog", "gpus", "--json"],
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Json_is_one_valid_document_without_nan_or_infinity(string name)
    {
        var (code, stdout, stderr) = CliRunner.Run(Args(name));
        Assert.True(code is 0 or 1, $"exit {code}: {stderr}");
        // The parser refuses NaN and Infinity tokens; a writer could still have quoted them as strings.
        using var doc = JsonDocument.Parse(stdout);
        Assert.Empty(NonFinite(doc.RootElement, "$"));
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
    }

    private static IEnumerable<string> NonFinite(JsonElement e, string path) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => NonFinite(p.Value, path + "." + p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany((v, i) => NonFinite(v, path + "[" + i + "]")),
        JsonValueKind.String when e.GetString() is "NaN" or "Infinity" or "-Infinity" or "∞" => [path],
        _ => [],
    };

    [Fact]
    public void A_mean_over_no_predicted_row_is_null()
    {
        var (code, stdout, stderr) = CliRunner.Run("validate", "--runs", Unpredictable(), "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("unpredicted").GetInt32());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("mean_abs_relative_error").ValueKind);
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("by_group")[0].GetProperty("max_abs_relative_error").ValueKind);
    }

    [Fact]
    public void Search_json_is_the_same_bytes_on_one_or_two_threads()
    {
        string[] args = ["search", "--model", "llama3.1-8b", "--gpu", "H100-SXM-80GB", "--gpus", "64", "--global-batch", "256", "--top", "3", "--json", "--threads"];
        var one = CliRunner.Run([.. args, "1"]);
        var two = CliRunner.Run([.. args, "2"]);
        Assert.Equal(0, one.Code);
        Assert.Equal(one.Stdout, two.Stdout);
        Assert.Contains("layouts in", one.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Reliability_json_is_the_same_bytes_on_one_or_two_threads()
    {
        string[] args = ["reliability", "--gpu", "H100-SXM-80GB", "--gpus", "4096", "--model", "llama3.1-70b", "--days", "5", "--trials", "64", "--seed", "3", "--json", "--threads"];
        var one = CliRunner.Run([.. args, "1"]);
        var two = CliRunner.Run([.. args, "2"]);
        Assert.True(one.Code == 0, one.Stderr);
        Assert.Equal(one.Stdout, two.Stdout);
        Assert.StartsWith("simulated 64 trials in ", one.Stderr, StringComparison.Ordinal);
    }
}
