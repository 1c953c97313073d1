using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Scenarios;

public class ScenarioDiagnosticsTests
{
    private static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static IReadOnlyList<Diagnostic> Problems(string yaml)
    {
        var bag = new DiagnosticBag();
        var scenario = ScenarioLoader.Parse(yaml, "test.yaml", bag);
        Assert.Null(scenario);
        return bag.Sorted();
    }

    private const string Valid = """
        name: valid
        model: llama3.1-8b
        training:
          tokens: 1T
          global_batch: 512
          precision: bf16
        options:
          - name: a
            gpu: H100-SXM-80GB
            gpus: 64
            ownership: rented
        """;

    [Fact]
    public void Six_different_mistakes_give_one_located_diagnostic_each()
    {
        var bag = new DiagnosticBag();
        var scenario = ScenarioLoader.Load(TestFile("six-mistakes.yaml"), bag);
        Assert.Null(scenario);
        var errors = bag.Sorted().Where(d => d.Severity == Severity.Error).ToList();
        Assert.Equal(6, errors.Count);
        Assert.All(errors, d => Assert.True(d.Location.Line > 0 && d.Location.Column > 0, d.Format()));
        // One per marked line, in file order: unknown key, unknown gpu, out of range, layout rule, syntax, missing unit.
        Assert.Equal(["KOL002", "KOL008", "KOL007", "KOL012", "KOL001", "KOL005"], errors.Select(d => d.Code).ToArray());
        Assert.Equal([4, 13, 18, 25, 28, 33], errors.Select(d => d.Location.Line).ToArray());
        Assert.Contains("did you mean 'training'", errors[0].Suggestion);
        Assert.Contains("did you mean 'H100-SXM-80GB'", errors[1].Suggestion);
        Assert.Contains("valid: 1, 2, 4, 8", errors[3].Suggestion);
    }

    [Fact]
    public void Batch_range_and_critical_batch_mistakes_are_located()
    {
        var low = Problems(Valid.Replace("global_batch: 512", "global_batch: 512\n  global_batch_min: 1024"));
        Assert.Contains(low, d => d.Field == "training.global_batch_min" && d.Location.Line == 6);
        var unknown = Problems(Valid.Replace("global_batch: 512", "global_batch: 512\n  critical_batch: dense-frontir"));
        Assert.Contains(unknown, d => d.Field == "training.critical_batch" && d.Suggestion!.Contains("dense-frontier", StringComparison.Ordinal));
        var both = Problems(Valid.Replace("global_batch: 512", "global_batch: 512\n  critical_batch: dense-frontier\n  noise_scale_tokens: 4e7"));
        Assert.Contains(both, d => d.Field == "training.noise_scale_tokens" && d.Location.Line == 7);
    }

    [Fact]
    public void A_broken_batch_schedule_reports_every_problem_at_its_item()
    {
        const string schedule = """
            name: ramp
            model: llama3.1-8b
            training:
              tokens: 1T
              global_batch: 512
              batch_schedule:
                - {until_tokens: 252M, global_batch: 128}
                - {until_tokens: 100M, global_batch: 256}
                - {until_tokens: 300M, global_batch: 4096}
              precision: bf16
            options:
              - name: a
                gpu: H100-SXM-80GB
                gpus: 64
                ownership: rented
            """;
        var problems = Problems(schedule);
        Assert.Contains(problems, d => d.Field == "training.batch_schedule[1].until_tokens" && d.Location.Line == 8 && d.Rule.Contains("increase", StringComparison.Ordinal));
        Assert.Contains(problems, d => d.Field == "training.batch_schedule[2].global_batch" && d.Location.Line == 9);
        var late = Problems(Valid.Replace("global_batch: 512", "global_batch: 512\n  batch_schedule: [{until_tokens: 2T, global_batch: 128}]"));
        Assert.Contains(late, d => d.Field == "training.batch_schedule[0].until_tokens" && d.Rule.Contains("before the run", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cli_exits_with_code_2_and_prints_every_diagnostic_without_a_stack_trace()
    {
        var (code, stdout, stderr) = CliRunner.Run("plan", TestFile("six-mistakes.yaml"));
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal(6, stderr.Split('\n').Count(l => l.Contains(": error KOL", StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", stderr);
        Assert.Contains("6 errors", stderr);
    }

    [Fact]
    public void A_valid_scenario_loads()
    {
        var bag = new DiagnosticBag();
        var s = ScenarioLoader.Parse(Valid, "valid.yaml", bag);
        Assert.NotNull(s);
        Assert.False(bag.HasErrors);
        Assert.Equal(1e12, s!.Training.Tokens);
        Assert.Equal(8192, s.Training.SeqLen); // the model's own sequence length, echoed when not given
    }

    [Theory]
    [InlineData("gpus: 64", "gpus: 1e308", "KOL007")]
    [InlineData("gpus: 64", "gpus: .nan", "KOL011")]
    [InlineData("gpus: 64", "gpus: 6.5", "KOL004")]
    [InlineData("gpus: 64", "gpus: lots", "KOL004")]
    [InlineData("tokens: 1T", "tokens: -1T", "KOL007")]
    [InlineData("ownership: rented", "ownership: leased", "KOL004")]
    [InlineData("model: llama3.1-8b", "model: llama-3.1-8b", "KOL008")]
    [InlineData("precision: bf16", "precision: bf17", "KOL004")]
    public void Bad_values_are_refused_with_their_code(string from, string to, string code)
    {
        var problems = Problems(Valid.Replace(from, to, StringComparison.Ordinal));
        Assert.Contains(problems, d => d.Code == code);
    }

    [Fact]
    public void A_missing_field_names_the_field()
    {
        var problems = Problems(Valid.Replace("  global_batch: 512\n", "", StringComparison.Ordinal));
        Assert.Contains(problems, d => d.Code == "KOL003" && d.Field == "training.global_batch");
    }

    [Fact]
    public void Tokens_and_compute_cannot_both_be_given()
    {
        var problems = Problems(Valid.Replace("tokens: 1T", "tokens: 1T\n  compute: 3e25 FLOP", StringComparison.Ordinal));
        Assert.Contains(problems, d => d.Code == "KOL013");
    }

    [Fact]
    public void A_compute_budget_turns_into_tokens_by_the_flops_per_token()
    {
        var bag = new DiagnosticBag();
        var s = ScenarioLoader.Parse(Valid.Replace("tokens: 1T", "compute: 6e23 FLOP", StringComparison.Ordinal), "c.yaml", bag);
        Assert.NotNull(s);
        var counts = Kolosseum.Workload.WorkloadMath.Count(s!.Model);
        double perToken = Kolosseum.Workload.WorkloadMath.TrainingFlopsPerToken(s.Model, counts, s.Training.SeqLen, causal: false);
        Assert.Equal(6e23, s.Training.Tokens * perToken, 1e23 * 1e-9);
    }

    [Fact]
    public void A_catalog_override_changes_the_value_and_records_its_source()
    {
        var yaml = Valid + "\ncatalog:\n  gpus:\n    - id: H100-SXM-80GB\n      tdp: 650 W\n";
        var bag = new DiagnosticBag();
        var s = ScenarioLoader.Parse(yaml, "o.yaml", bag);
        Assert.NotNull(s);
        var gpu = s!.Catalog.Get<Kolosseum.Hardware.GpuSpec>("H100-SXM-80GB");
        Assert.Equal(650, gpu.Tdp.Value);
        Assert.StartsWith("scenario override", s.Catalog.Entry("gpus", "H100-SXM-80GB")!.SourceOf("tdp"), StringComparison.Ordinal);
        Assert.Equal(80, gpu.Hbm.GiB, 6); // untouched fields keep the catalog value
    }

    [Fact]
    public void An_inline_model_can_start_from_a_catalog_model()
    {
        var yaml = Valid.Replace("model: llama3.1-8b", "model:\n  id: llama-48l\n  base: llama3.1-8b\n  name: Llama 8B with 48 layers\n  layers: 48", StringComparison.Ordinal);
        var bag = new DiagnosticBag();
        var s = ScenarioLoader.Parse(yaml, "m.yaml", bag);
        Assert.NotNull(s);
        Assert.Equal(48, s!.Model.Layers);
        Assert.Equal(4096, s.Model.Hidden);
    }

    [Fact]
    public void A_node_for_another_gpu_is_refused()
    {
        var problems = Problems(Valid.Replace("ownership: rented", "ownership: rented\n    node: dgx-a100", StringComparison.Ordinal));
        Assert.Contains(problems, d => d.Code == "KOL013" && d.Field == "options[0].node");
    }

    [Fact]
    public void The_embedded_default_scenario_loads()
    {
        var s = ScenarioLoader.Default();
        Assert.Equal(2, s.Options.Count);
        Assert.Equal([24000L, 100000L], s.Options.Select(o => o.Gpus).ToArray());
    }
}
