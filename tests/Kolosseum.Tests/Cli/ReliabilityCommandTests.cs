using System.Text.Json;

namespace Kolosseum.Tests.Cli;

public class ReliabilityCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Kolosseum.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Json_output_is_one_document_with_the_documented_shape()
    {
        var (code, stdout, stderr) = Run("reliability", "--gpu", "H100-SXM-80GB", "--gpus", "16384", "--model", "llama3.1-405b", "--days", "20", "--trials", "40", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(40, root.GetProperty("trials").GetInt32());
        foreach (var key in new[] { "mean", "p10", "p50", "p90" })
        {
            Assert.True(root.GetProperty("interruptions").GetProperty(key).GetDouble() > 0);
            Assert.InRange(root.GetProperty("ettr").GetProperty(key).GetDouble(), 0.5, 1);
        }
        Assert.True(root.GetProperty("interruptions").GetProperty("by_cause").GetProperty("faulty_gpu").GetDouble() > 0);
        Assert.True(root.GetProperty("checkpoint_interval_s").GetDouble() > 0);
        // 16,384 GPUs at Llama 3's rates: 54 x 24 / 419 hours between interruptions.
        Assert.Equal(3.093, root.GetProperty("mtbi_hours").GetDouble(), 0.001);
        var days = root.GetProperty("days_to_finish");
        Assert.True(days.GetProperty("p10").GetDouble() <= days.GetProperty("p50").GetDouble() && days.GetProperty("p50").GetDouble() <= days.GetProperty("p90").GetDouble());
        Assert.True(days.GetProperty("p10").GetDouble() > 20);
        Assert.False(root.TryGetProperty("elapsed_s", out _));
        Assert.Equal("command line", root.GetProperty("settings").GetProperty("trials").GetProperty("origin").GetString());
        Assert.Equal("catalog reliability/default", root.GetProperty("settings").GetProperty("spares").GetProperty("origin").GetString());
    }

    [Fact]
    public void What_if_reports_the_whole_commands_time_on_stderr_and_no_progress_when_not_on_a_terminal()
    {
        string[] job = ["reliability", "--gpu", "H100-SXM-80GB", "--gpus", "16384", "--model", "llama3.1-405b", "--days", "20", "--trials", "40", "--what-if"];
        var (code, stdout, stderr) = Run([.. job, "--json"]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        int whatIfs = doc.RootElement.GetProperty("what_if").GetArrayLength();
        Assert.True(whatIfs > 0);
        // One line: every simulation counted, and a time no shorter than the baseline's own simulation.
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"simulated {1 + whatIfs} runs of 40 trials (the baseline and {whatIfs} what-ifs) in ", line, StringComparison.Ordinal);
        var time = System.Text.RegularExpressions.Regex.Match(line, @" in (?<v>[\d.,]+) (?<u>µs|ms|s|min)$");
        Assert.True(time.Success, line);
        double seconds = double.Parse(time.Groups["v"].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)
            * time.Groups["u"].Value switch { "µs" => 1e-6, "ms" => 1e-3, "s" => 1, _ => 60 };
        // The document holds no time (the same bytes for the same seed): the time is only here.
        Assert.True(seconds > 0, line);
        Assert.False(doc.RootElement.TryGetProperty("elapsed_s", out _));

        var (textCode, text, textErr) = Run(job);
        Assert.Equal(0, textCode);
        Assert.DoesNotContain("simulated in", text, StringComparison.Ordinal); // stdout: the same for the same seed
        Assert.DoesNotContain(" runs of 40 trials", text, StringComparison.Ordinal);
        Assert.StartsWith($"simulated {1 + whatIfs} runs", textErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Step_time_and_tokens_give_the_length_and_whole_step_intervals()
    {
        var (code, stdout, stderr) = Run("reliability", "--gpu", "H100-SXM-80GB", "--gpus", "16k", "--model", "llama3.1-405b", "--step-time", "6.5s",
            "--tokens", "1T", "--global-batch", "2048", "--trials", "20", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        double interval = doc.RootElement.GetProperty("checkpoint_interval_s").GetDouble();
        Assert.Equal(Math.Round(interval / 6.5), interval / 6.5, 9);
        // 1T tokens / (2048 x 8192) per step = 59,605 steps of 6.5 s.
        Assert.Equal(59605 * 6.5 / 86400, doc.RootElement.GetProperty("job").GetProperty("failure_free_days").GetDouble(), 6);
    }

    [Fact]
    public void Bad_flags_are_all_reported_with_exit_code_2_and_no_stack_trace()
    {
        var (code, stdout, stderr) = Run("reliability", "--gpu", "H10", "--gpus", "-5", "--days", "NaN", "--spares", "lots", "--checkpoint-mode", "asyn",
            "--failure-rates", "llama4", "--trials", "0");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--gpu = 'H10'", stderr, StringComparison.Ordinal);
        Assert.Contains("--gpus = '-5'", stderr, StringComparison.Ordinal);
        Assert.Contains("--days = 'NaN'", stderr, StringComparison.Ordinal);
        Assert.Contains("--spares = 'lots'", stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'async'?", stderr, StringComparison.Ordinal);
        Assert.Contains("--failure-rates = 'llama4'", stderr, StringComparison.Ordinal);
        Assert.Contains("--trials = '0'", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_without_a_length_or_a_checkpoint_size_is_told_what_to_add()
    {
        var (code, _, stderr) = Run("reliability", "--gpu", "H100-SXM-80GB", "--gpus", "1024");
        Assert.Equal(2, code);
        Assert.Contains("--days: the job needs its failure-free length", stderr, StringComparison.Ordinal);
        Assert.Contains("--model: the checkpoint size comes from the model", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_job_that_cannot_finish_exits_1()
    {
        var (code, stdout, _) = Run("reliability", "--gpu", "H100-SXM-80GB", "--gpus", "10M", "--model", "llama3.1-405b", "--days", "30", "--json");
        Assert.Equal(1, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(JsonValueKind.String, doc.RootElement.GetProperty("infeasible").ValueKind);
    }

    [Fact]
    public void Default_scenario_with_what_if_lists_each_mitigation()
    {
        var (code, stdout, stderr) = Run("reliability", "--option", "Build 100k H100", "--trials", "8", "--what-if", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var variants = doc.RootElement.GetProperty("what_if").EnumerateArray().Select(v => v.GetProperty("variant").GetString()).ToList();
        Assert.Contains("restart_2x_faster", variants);
        Assert.Contains("in_memory_checkpoints", variants);
        Assert.Contains("double_spares", variants);
        var text = Run("reliability", "--option", "Build 100k H100", "--trials", "8", "--what-if");
        Assert.Equal(0, text.Code);
        Assert.Contains("what if", text.Out, StringComparison.Ordinal);
        Assert.Contains("assumed 40% MFU", text.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_option_name_suggests_the_scenarios_options()
    {
        var (code, _, stderr) = Run("reliability", "--option", "Build 100k", "--trials", "5");
        Assert.Equal(2, code);
        Assert.Contains("did you mean 'Build 100k H100'?", stderr, StringComparison.Ordinal);
    }
}
