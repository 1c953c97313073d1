using System.Globalization;
using System.Text.Json;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Scenarios;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>Where plan, search, estimate and validate look at the same thing, they agree or say why not.</summary>
public class OutputsAgreeTests
{
    private static string Example(string name) => Path.Combine(Approvals.RepositoryRoot(), "scenarios", name);

    private static Scenario Load(string name)
    {
        var bag = new DiagnosticBag();
        return ScenarioLoader.Load(Example(name), bag) ?? throw new InvalidOperationException(string.Join("\n", bag.Sorted().Select(d => d.Format())));
    }

    [Fact]
    public void The_moe_example_honours_its_min_gpu_fraction_on_the_gpus_left_after_hot_spares_and_says_so()
    {
        var scenario = Load("moe-grok1-on-h100.yaml");
        double fraction = scenario.Sections.Get<SearchSettings>().MinGpuFraction;
        Assert.Equal(0.9, fraction);
        var plan = Planner.Run(scenario, new PlanOptions { Trials = 20, WhatIf = false });
        Assert.NotEmpty(plan.Options);
        foreach (var p in plan.Options)
        {
            Assert.NotNull(p.Search);
            long searched = p.Search!.ClusterGpus;
            Assert.True(searched < p.Option.Gpus); // hot spares held back first
            Assert.True(p.Step.Gpus >= fraction * searched, $"{p.Option.Name}: {p.Step.Gpus} of {searched}");
            string? why = GpuUse.Explain(p, scenario.Sections.Get<SearchSettings>());
            Assert.NotNull(why);
            Assert.Contains(Kolosseum.Units.UnitFormat.Count(p.Option.Gpus - searched, "GPU") + " held back for hot spares", why, StringComparison.Ordinal);
            Assert.Contains("min_gpu_fraction 0.9 counts from these", why, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Search_on_the_moe_example_ranks_all_the_gpus_failure_free_and_both_outputs_say_what_they_rank()
    {
        var (sc, search, serr) = CliRunner.Run("search", Example("moe-grok1-on-h100.yaml"), "--top", "1", "--json");
        Assert.True(sc == 0, serr);
        using var doc = JsonDocument.Parse(search);
        var best = doc.RootElement.GetProperty("best")[0];
        long searchGpus = best.GetProperty("gpus").GetInt64();
        var (pc, plan, perr) = CliRunner.Run("plan", Example("moe-grok1-on-h100.yaml"), "--no-uncertainty", "--no-what-if", "--trials", "20");
        Assert.True(pc == 0, perr);
        // The two differ because they answer different questions; each says which.
        Assert.Equal(8192, searchGpus);
        Assert.Contains("trains on 7,168 of 8,192 GPUs", plan, StringComparison.Ordinal);
        Assert.Contains("'kolosseum search' searches all the GPUs", plan.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var (tc, text, _) = CliRunner.Run("search", Example("moe-grok1-on-h100.yaml"), "--top", "1");
        Assert.Equal(0, tc);
        Assert.Contains(Kolosseum.Cli.Commands.SearchView.WhatItRanks[..40], text.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_published_layout_gets_the_same_completion_in_plan_estimate_and_validate()
    {
        // Meta's Llama 3.1 405B layout as the example writes it (TP 8, PP 16, DP 128, CP 1, ZeRO 1, micro-batch 1),
        // and as a published-runs row that reports the same cells and leaves the rest empty.
        var scenario = Load("explicit-layout-and-overrides.yaml");
        var plan = Planner.Run(scenario, new PlanOptions { Trials = 20, WhatIf = false });
        var step = Assert.Single(plan.Options).Step;
        var written = scenario.Options[0].WrittenLayout!;
        Assert.Contains("vpp", written.Open);

        var (ec, estimate, eerr) = CliRunner.Run("estimate", Example("explicit-layout-and-overrides.yaml"), "--json");
        Assert.True(ec == 0, eerr);
        using var e = JsonDocument.Parse(estimate);
        Assert.Equal(step.Mfu, e.RootElement.GetProperty("mfu").GetDouble(), 9);

        string header = File.ReadLines(Path.Combine(Approvals.RepositoryRoot(), "src", "Kolosseum", "Validation", "data", "runs.csv")).First();
        var cells = header.Split(',').ToDictionary(c => c, _ => "");
        var m = scenario.Model;
        foreach (var (k, v) in new Dictionary<string, string>
        {
            ["id"] = "meta-405b", ["source"] = "scenario", ["model"] = "Llama 3.1 405B", ["layers"] = I(m.Layers), ["hidden"] = I(m.Hidden), ["heads"] = I(m.Heads),
            ["kv_heads"] = I(m.KvHeads), ["ffn_hidden"] = I(m.FfnHidden), ["ffn_act"] = "swiglu", ["vocab"] = I(m.Vocab), ["seq_len"] = "8192",
            ["gpu"] = "H100-SXM-80GB", ["gpus"] = "16384", ["tp"] = "8", ["pp"] = "16", ["dp"] = "128", ["cp"] = "1", ["ep"] = "1", ["zero_stage"] = "1",
            ["micro_batch"] = "1", ["global_batch"] = "2048", ["precision"] = "bf16", ["metric"] = "step_time_s", ["value"] = "1", ["attention"] = "flash",
        }) cells[k] = v;
        string csv = Path.Combine(Path.GetTempPath(), $"kolosseum-meta-{Environment.ProcessId}.csv");
        File.WriteAllText(csv, header + "\n" + string.Join(",", header.Split(',').Select(c => cells[c])) + "\n");
        try
        {
            var (vc, validate, verr) = CliRunner.Run("validate", "--runs", csv, "--json");
            Assert.True(vc == 0, verr);
            using var v = JsonDocument.Parse(validate);
            var row = v.RootElement.GetProperty("rows")[0];
            Assert.Equal(step.Layout.ToString(), row.GetProperty("layout").GetString());
            // Same layout; the step differs only by the network each models (the plan's designed fabric, validate's
            // default for the row's GPU count), which moves the data-parallel all-reduce a little.
            Assert.Equal(step.StepTime.Seconds, row.GetProperty("predicted").GetDouble(), step.StepTime.Seconds * 0.05);
        }
        finally
        {
            File.Delete(csv);
        }
        Assert.True(step.Mfu > 0.35, $"MFU {step.Mfu}: the completed layout, not vpp 1"); // was 26.8 % with interleaving off
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
