using System.Text.Json;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Valid values whose work has no practical end (a search space of 10^12 layouts, a run of millions of
/// years to simulate failure by failure) are reported as infeasible, with the reason, instead of running.
/// </summary>
public sealed class RunawayWorkTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-runaway-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        string file = Path.Combine(_folder, "runaway.yaml");
        File.WriteAllText(file, text);
        return file;
    }

    // 10,000 layers, heads and a batch with hundreds of divisors, a million GPUs: about 10^13 layouts.
    private const string HugeSearch = """
        name: a search space of astronomical size
        model: {base: llama3.1-8b, id: wide, layers: 10000, heads: 5040, kv_heads: 5040, head_dim: 8}
        training:
          tokens: 1T
          global_batch: 720720
          precision: bf16
        options:
          - name: a million GPUs
            gpu: H100-SXM-80GB
            gpus: 1000000
            ownership: rented
        """;

    [Fact]
    public void A_plan_whose_layout_search_has_no_practical_end_names_the_limit()
    {
        var (code, stdout, stderr) = CliRunner.Run("plan", Write(HugeSearch), "--trials", "5", "--no-what-if", "--json");
        Assert.True(code == 1, stderr);
        using var json = JsonDocument.Parse(stdout);
        string reason = json.RootElement.GetProperty("infeasible")[0].GetProperty("reason").GetString()!;
        Assert.Contains("more than the 200000000 layouts a search may", reason, StringComparison.Ordinal);
        Assert.Contains("give the option a layout", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_search_command_refuses_the_same_space_before_evaluating_any_layout()
    {
        var (code, stdout, stderr) = CliRunner.Run("search", Write(HugeSearch), "--json");
        Assert.Equal(1, code);
        Assert.Contains("the search space holds more than 200000000 layouts", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetProperty("evaluated").GetInt64());
    }

    /// <summary>The tiny plan on GPUs overridden to 1 TFLOP/s (989 times slower), with other tokens and trials.</summary>
    private string SlowGpus(string tokens, string trials) => Write(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"))
        .Replace("tokens: 50B", "tokens: " + tokens, StringComparison.Ordinal)
        .Replace("trials: 100", "trials: " + trials, StringComparison.Ordinal)
        + "catalog:\n  gpus:\n    - id: H100-SXM-80GB\n      peak_bf16: 1 TFLOP/s\n");

    private static string Reason(string stdout, int option)
    {
        using var json = JsonDocument.Parse(stdout);
        return json.RootElement.GetProperty("infeasible")[option].GetProperty("reason").GetString()!;
    }

    [Fact]
    public void A_run_of_thousands_of_years_is_infeasible_before_any_simulation()
    {
        // 10^14 tokens at 1 TFLOP/s: about 19,000 years on 16 GPUs; the dates would not fit the calendar.
        var (code, stdout, stderr) = CliRunner.Run("plan", SlowGpus("1e14", "2"), "--no-what-if", "--json");
        Assert.True(code == 1, stderr);
        Assert.Contains("years without a single failure, beyond the 100 years a plan is dated in", Reason(stdout, 0), StringComparison.Ordinal);
    }

    [Fact]
    public void Ten_million_trials_of_a_decade_long_run_are_not_simulated_failure_by_failure()
    {
        // 250B tokens at 1 TFLOP/s: about fifty years per trial, some 5·10^9 interruptions in ten million trials.
        var (code, stdout, stderr) = CliRunner.Run("plan", SlowGpus("250B", "10000000"), "--no-what-if", "--json");
        Assert.True(code == 1, stderr);
        Assert.Contains("interruptions, more than the 1e9 the simulation follows", Reason(stdout, 0), StringComparison.Ordinal);
    }
}
