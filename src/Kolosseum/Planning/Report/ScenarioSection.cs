using System.Text;
using Kolosseum.Buildout;
using Kolosseum.Fabric;
using Kolosseum.Performance;
using Kolosseum.Reporting;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;
using static Kolosseum.Planning.Report.ReportParts;

namespace Kolosseum.Planning.Report;

/// <summary>The scenario as the plan resolved it, every default filled in, in the shape of a scenario file.</summary>
internal static class ScenarioSection
{
    public static ReportSection Build(Plan plan)
    {
        // A scenario changed in code (the what-if multipliers, a sweep's reliability knobs) has no file to give
        // back: it is summarised instead, and says so.
        if (ResolvedScenario.Yaml(plan) is { } yaml)
            return new("Resolved scenario", [new PreformattedBlock(yaml)
            {
                Caption = "A scenario file: save it and run 'kolosseum plan FILE' to repeat the plan ('plan --write-resolved FILE' writes it); the assumptions below give each value's source",
            }])
            {
                Lead = "Exactly what was planned, so that the run can be repeated and every number traced.",
            };
        return new("Resolved scenario", [new PreformattedBlock(Text(plan))
        {
            Caption = "The scenario with every default resolved, summarised: it was changed after loading (what-if multipliers or sweep knobs), so it is not a file to load",
        }])
        {
            Lead = "What was planned, so that every number can be traced.",
        };
    }

    public static ReportSection? Infeasible(Plan plan)
    {
        if (plan.Infeasible.Count == 0) return null;
        return new ReportSection("Options that cannot train", [.. plan.Infeasible.Select(i => (ReportBlock)new KeyValueBlock([new KeyValue(i.Option.Name, i.Reason)]))])
        {
            Lead = "Options the plan had to leave out, and why.",
        };
    }

    private static string Text(Plan plan)
    {
        var s = plan.Scenario;
        var m = s.Model;
        var t = s.Training;
        var search = s.Sections.Get<SearchSettings>();
        var sb = new StringBuilder();
        void Line(int indent, string key, string value) => sb.Append(' ', indent * 2).Append(key).Append(": ").Append(value).Append('\n');

        Line(0, "name", s.Name);
        Line(0, "file", s.File == ScenarioLoader.DefaultName ? s.File : Path.GetFileName(s.File));
        Line(0, "seed", ((long)plan.Seed).Inv());
        sb.Append("model:\n");
        Line(1, "id", m.Id);
        Line(1, "name", m.Name);
        Line(1, "layers", m.Layers.Inv());
        Line(1, "hidden", m.Hidden.Inv());
        Line(1, "heads", m.Heads.Inv() + " (kv_heads " + m.KvHeads.Inv() + ", head_dim " + m.HeadDim.Inv() + ")");
        Line(1, "ffn_hidden", m.FfnHidden.Inv() + " (" + EnumNames<Workload.FfnActivation>.Name(m.Activation) + ")");
        Line(1, "vocab", m.Vocab.Inv());
        Line(1, "tied_embeddings", m.TiedEmbeddings ? "true" : "false");
        if (m.Moe is { } moe)
            Line(1, "moe", $"{moe.Experts.Inv()} experts, top {moe.TopK.Inv()}, {moe.SharedExperts.Inv()} shared, expert ffn {moe.ExpertFfnHidden.Inv()}, {moe.DenseLayers.Inv()} dense layers");
        if (m.Mla is not null) Line(1, "attention", "multi-head latent attention");
        sb.Append("training:\n");
        Line(1, "tokens", t.Tokens.Inv("0") + " (" + UnitFormat.Number(t.Tokens / 1e12) + "T)");
        Line(1, "global_batch", t.Reference.Inv() + " sequences" + (t.LowestBatch < t.HighestBatch ? " (the search may choose a multiple of dp × micro-batch from " + t.LowestBatch.Inv() + " to " + t.HighestBatch.Inv() + ")" : ""));
        if (t.BatchSchedule.Count > 0)
            Line(1, "batch_schedule", string.Join(", ", t.BatchSchedule.Select(b => b.GlobalBatch.Inv() + " sequences until " + UnitFormat.Number(b.UntilTokens / 1e9) + "B tokens")) + ", then global_batch");
        Line(1, "seq_len", t.SeqLen.Inv() + " tokens");
        Line(1, "precision", EnumNames<Hardware.Precision>.Name(t.Precision));
        Line(1, "attention", EnumNames<AttentionKernel>.Name(t.Attention));
        sb.Append("search:\n");
        Line(1, "top", search.Top.Inv());
        Line(1, "min_gpu_fraction", search.MinGpuFraction.Inv());
        Line(1, "scaling_fractions", "[" + string.Join(", ", search.ScalingFractions.Select(f => f.Inv())) + "]");
        sb.Append("options:\n");
        foreach (var p in plan.Options) Option(sb, p.Option, p, Line);
        foreach (var i in plan.Infeasible) Option(sb, i.Option, null, Line);
        return sb.ToString();
    }

    private static void Option(StringBuilder sb, ClusterOption o, OptionPlan? planned, Action<int, string, string> line)
    {
        sb.Append("  - name: ").Append(o.Name).Append('\n');
        line(2, "gpu", o.Gpu.Id + " (" + o.Gpu.Name + ")");
        line(2, "gpus", o.Gpus.Inv());
        line(2, "node", o.Node.Id + " (" + o.Node.GpusPerNode.Inv() + " GPUs per node, " + o.Nodes.Inv() + " nodes)");
        line(2, "ownership", EnumNames<Ownership>.Name(o.Ownership));
        line(2, "layout", o.Layout is { } l ? l.ToString() : "searched");
        if (o.Sections.TryGet<FabricSettings>(out var f))
        {
            line(2, "fabric", "defaults " + f.DefaultsId + ", switch " + f.SwitchId + ", tiers " + (f.Tiers?.Inv() ?? "auto")
                + ", oversubscription " + f.Oversubscription.Inv() + ", islands " + (f.Islands?.Inv() ?? "auto") + ", rail_optimized " + (f.RailOptimized ? "true" : "false"));
        }
        if (o.Sections.TryGet<BuildoutSettings>(out var b))
        {
            line(2, "buildout", "preset " + b.Preset + (b.PresetIsDefault ? " (default for " + EnumNames<Ownership>.Name(o.Ownership) + ")" : "")
                + ", start " + Date(b.Start) + (b.StartIsDefault ? " (the preset's default)" : "")
                + (b.LeadTime is { } lt ? ", lead_time " + lt : ""));
        }
        if (planned?.Cost.RentEffective is { } rent)
            line(2, "rental", Rate(rent).Text + " with overhead");
    }
}
