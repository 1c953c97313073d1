using System.Text.Json;

namespace Kolosseum.Tests.Cli;

public class PerformanceCommandsTests
{
    [Fact]
    public void Estimate_prints_the_breakdown_as_json_and_the_parts_add_up()
    {
        var (code, stdout, stderr) = CliRunner.Run("estimate", "--model", "llama3.1-70b", "--gpu", "H100-SXM-80GB", "--gpus", "64",
            "--tp", "8", "--pp", "2", "--global-batch", "128", "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        double step = root.GetProperty("step_time_s").GetDouble();
        double parts = root.GetProperty("time_breakdown_s").EnumerateObject().Sum(p => p.Value.GetDouble());
        Assert.Equal(step, parts, step * 1e-9);
        Assert.InRange(root.GetProperty("mfu").GetDouble(), 0.05, 0.9);
        Assert.Equal(4, root.GetProperty("layout").GetProperty("dp").GetInt32());
    }

    [Fact]
    public void Estimate_of_a_scenario_option_uses_the_options_fabric_as_plan_does()
    {
        // Four islands of 256 GPUs joined at 7:1: a data-parallel group of 128 spans them and pays the top tier.
        string file = Path.Combine(Directory.CreateTempSubdirectory("kolosseum-islands-").FullName, "islands.yaml");
        File.WriteAllText(file, """
            name: islands
            model: llama3.1-70b
            training: {tokens: 1T, global_batch: 128, seq_len: 8192, precision: bf16}
            options:
              - name: four islands at 7:1
                gpu: H100-SXM-80GB
                gpus: 1024
                ownership: owned
                fabric: {island_gpus: 256, oversubscription: 7}
            """);
        // pp 8 puts the data-parallel ring's members 64 GPUs apart: 4 of them per 256-GPU island, fewer than
        // the 7 that would keep the 7:1 top tier from slowing the ring.
        string[] layout = ["--tp", "8", "--pp", "8", "--zero", "1", "--json"];
        var (code, stdout, stderr) = CliRunner.Run(["estimate", file, .. layout]);
        Assert.True(code == 0, stderr);
        var (flagsCode, flagsOut, _) = CliRunner.Run(["estimate", "--model", "llama3.1-70b", "--gpu", "H100-SXM-80GB", "--gpus", "1024",
            "--global-batch", "128", "--seq", "8192", "--tokens", "1T", .. layout]);
        Assert.Equal(0, flagsCode);

        var bag = new Kolosseum.Diagnostics.DiagnosticBag();
        var scenario = Kolosseum.Scenarios.ScenarioLoader.Load(file, bag)!;
        var option = scenario.Options[0];
        var model = new Kolosseum.Performance.PerformanceModel(scenario.Model, scenario.Training, option.Gpu,
            Kolosseum.Fabric.FabricNetwork.ForOption(scenario.Catalog, option));
        // The flags' defaults: vpp, cp, ep and micro-batch 1, sequence parallel on with tp > 1, no recompute.
        var expected = model.Evaluate(new Kolosseum.Performance.Layout(8, 8, 1, 16, 1, 1, 1, true, Kolosseum.Performance.Recompute.None, 1));

        using var viaScenario = JsonDocument.Parse(stdout);
        using var viaFlags = JsonDocument.Parse(flagsOut);
        double DpTime(JsonDocument d) => d.RootElement.GetProperty("time_breakdown_s").GetProperty("dp_communication").GetDouble();
        Assert.Equal(expected.StepTime, viaScenario.RootElement.GetProperty("step_time_s").GetDouble(), expected.StepTime * 1e-12);
        Assert.True(DpTime(viaScenario) > DpTime(viaFlags), $"7:1 islands {DpTime(viaScenario)} s vs non-blocking {DpTime(viaFlags)} s");
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public void A_layout_that_breaks_a_rule_names_the_rule_and_the_valid_values()
    {
        var (code, _, stderr) = CliRunner.Run("estimate", "--model", "llama3.1-70b", "--gpu", "H100-SXM-80GB", "--gpus", "96", "--tp", "3");
        Assert.Equal(2, code);
        Assert.Contains("--tp = '3': must divide attention heads (64) and kv heads (8); valid: 1, 2, 4, 8", stderr);
    }

    [Fact]
    public void A_layout_that_does_not_fit_is_a_result_with_exit_code_1()
    {
        var (code, stdout, stderr) = CliRunner.Run("estimate", "--model", "llama3.1-405b", "--gpu", "H100-SXM-80GB", "--gpus", "8", "--tp", "8", "--global-batch", "8");
        Assert.Equal(1, code);
        Assert.Contains("does not fit: needs ", stderr);
        Assert.Contains("step time", stdout);
    }

    [Fact]
    public void Search_json_has_the_agreed_shape()
    {
        var (code, stdout, stderr) = CliRunner.Run("search", "--model", "llama3.1-8b", "--gpu", "H100-SXM-80GB", "--gpus", "64", "--global-batch", "256", "--top", "3", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        foreach (var key in new[] { "evaluated", "feasible", "rejected", "best" }) Assert.True(root.TryGetProperty(key, out _), key);
        // Timings vary from run to run, so they go to stderr and the document stays the same bytes.
        foreach (var key in new[] { "elapsed_s", "layouts_per_s", "threads" }) Assert.False(root.TryGetProperty(key, out _), key);
        Assert.Contains("layouts in", stderr, StringComparison.Ordinal);
        var best = root.GetProperty("best");
        Assert.Equal(3, best.GetArrayLength());
        foreach (var key in new[] { "tp", "pp", "vpp", "dp", "cp", "ep", "zero", "sequence_parallel", "recompute", "micro_batch", "step_time_s", "mfu", "memory_gib" })
            Assert.True(best[0].TryGetProperty(key, out _), key);
        Assert.True(best[0].GetProperty("step_time_s").GetDouble() <= best[1].GetProperty("step_time_s").GetDouble() * (1 + 1e-12)
            || best[0].GetProperty("days_to_train").GetDouble() <= best[1].GetProperty("days_to_train").GetDouble());
    }

    [Fact]
    public void Validate_without_a_file_reads_the_shipped_published_runs_and_lists_every_row()
    {
        // No --runs: the runs.csv embedded in the tool, so the command works on any machine.
        string runs = Kolosseum.Tests.Validation.PublishedLayoutsTests.RunsFile;
        var (code, stdout, _) = CliRunner.Run("validate", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.GetProperty("rows");
        int dataLines = File.ReadAllLines(runs).Length - 1;
        Assert.Equal(dataLines, rows.GetArrayLength());
        foreach (var row in rows.EnumerateArray())
        {
            foreach (var key in new[] { "id", "metric", "measured", "predicted", "relative_error", "searched" }) Assert.True(row.TryGetProperty(key, out _), key);
            if (row.GetProperty("predicted").ValueKind == JsonValueKind.Null) Assert.NotEqual(JsonValueKind.Null, row.GetProperty("reason").ValueKind);
        }
        var summary = doc.RootElement.GetProperty("summary");
        Assert.Equal(dataLines, summary.GetProperty("count").GetInt32());
        Assert.True(summary.GetProperty("mean_abs_relative_error").GetDouble() > 0);
    }

    [Fact]
    public void Validate_reports_a_broken_csv_with_line_and_column()
    {
        string file = Path.Combine(Path.GetTempPath(), "kolosseum-bad-runs-" + Guid.NewGuid().ToString("N") + ".csv");
        var lines = File.ReadAllLines(Kolosseum.Tests.Validation.PublishedLayoutsTests.RunsFile).Take(2).ToList();
        lines[1] = lines[1].Replace(",A100-SXM-80GB,", ",A100-SXM-80G,", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);
        try
        {
            var (code, _, stderr) = CliRunner.Run("validate", "--runs", file);
            Assert.Equal(2, code);
            Assert.Contains(":2:", stderr);
            Assert.Contains("did you mean 'A100-SXM-80GB'", stderr);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(80)]
    [InlineData(120)]
    public void Validate_fits_the_terminal_with_one_line_per_row_and_whole_ids(int width)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Kolosseum.Cli.Cli.Run(["validate"], stdout, stderr, interactive: false, width: width);
        Assert.Equal(0, code);
        var lines = stdout.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.Length <= width, $"{l.Length} columns: {l}"));
        var ids = File.ReadAllLines(Kolosseum.Tests.Validation.PublishedLayoutsTests.RunsFile).Skip(1).Select(l => l[..l.IndexOf(',', StringComparison.Ordinal)]).ToList();
        foreach (var id in ids) Assert.Contains(lines, l => l.TrimStart().StartsWith(id + " ", StringComparison.Ordinal)); // never cut
        // Rows that were predicted take one line each: the table is about as long as the file.
        Assert.InRange(lines.Count, ids.Count, ids.Count + 25);
    }

    [Fact]
    public void Every_layout_the_search_table_lists_says_whether_it_lies_inside_the_validated_runs()
    {
        // GPT-3 on 1,024 A100: the fastest layouts run ZeRO-3 with cp at 1,024 tokens per rank (outside); the table's
        // last column must agree, row by row, with the validity of the layouts the JSON lists in the same order.
        string[] args = ["search", "--model", "gpt3-175b", "--gpu", "A100-SXM-80GB", "--gpus", "1024", "--global-batch", "1536", "--precision", "fp16", "--top", "5"];
        var (code, stdout, _) = CliRunner.Run(args);
        Assert.Equal(0, code);
        var (jsonCode, json, _) = CliRunner.Run([.. args, "--json"]);
        Assert.Equal(0, jsonCode);
        using var doc = JsonDocument.Parse(json);
        var expected = doc.RootElement.GetProperty("best").EnumerateArray()
            .Select(b => b.GetProperty("outside_validated").GetArrayLength() == 0 ? "yes" : "no").ToList();
        var rows = stdout.Split('\n').Select(l => l.Trim()).Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^[1-5] +1,024 ")).ToList();
        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected, rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]).ToList());
        Assert.Contains("no", expected);
    }
}
