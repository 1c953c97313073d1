using System.Globalization;
using Kolosseum.Buildout;
using Kolosseum.Economics;
using Kolosseum.Fabric;
using Kolosseum.Planning;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Commands;

/// <summary>The resolved scenario, echoed in plan JSON so a result can be reproduced: every default made visible.</summary>
internal static class ScenarioEcho
{
    public static object Of(Scenario s)
    {
        var m = s.Model;
        var search = s.Sections.Get<SearchSettings>();
        return new
        {
            name = s.Name,
            description = s.Description,
            file = s.File == ScenarioLoader.DefaultName ? s.File : Path.GetFileName(s.File),
            model = new
            {
                id = m.Id, name = m.Name, layers = m.Layers, hidden = m.Hidden, heads = m.Heads, kv_heads = m.KvHeads, head_dim = m.HeadDim,
                ffn_hidden = m.FfnHidden, activation = m.Activation.Name(), vocab = m.Vocab, seq_len = m.SeqLen, tied_embeddings = m.TiedEmbeddings,
                moe = m.Moe is { } moe ? new { experts = moe.Experts, shared_experts = moe.SharedExperts, topk = moe.TopK, ffn_hidden = moe.ExpertFfnHidden, dense_layers = moe.DenseLayers } : null,
                mla = m.Mla is not null,
            },
            training = new
            {
                tokens = s.Training.Tokens, global_batch = s.Training.GlobalBatch, seq_len = s.Training.SeqLen,
                precision = s.Training.Precision.Name(), attention = s.Training.Attention.Name(),
            },
            search = new { top = search.Top, min_gpu_fraction = search.MinGpuFraction, scaling_fractions = search.ScalingFractions },
            options = s.Options.Select(o => new
            {
                name = o.Name, gpu = o.Gpu.Id, gpus = o.Gpus, node = o.Node.Id, ownership = o.Ownership.Name(),
                layout = o.Layout is { } l ? EstimateJson.Layout(l) : null,
                layout_cells_searched = o.WrittenLayout?.Open,
                fabric = o.Sections.TryGet<FabricSettings>(out var f) ? new
                {
                    defaults = f.DefaultsId, @switch = f.SwitchId, tiers = f.Tiers, oversubscription = f.Oversubscription,
                    islands = f.Islands, island_gpus = f.IslandGpus, rail_optimized = f.RailOptimized,
                } : null,
                buildout = o.Sections.TryGet<BuildoutSettings>(out var b) ? new
                {
                    preset = b.Preset, start = b.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    start_is_default = b.StartIsDefault,
                } : null,
            }),
            reliability = s.Sections.Get<ReliabilitySettings>().Echo().Select(e => new { key = e.Key, value = e.Value, origin = e.Origin }),
            power = Assumptions(s.Sections.Get<PowerSettings>().Assumptions),
            economics = Assumptions(s.Sections.Get<EconomicsSettings>().Assumptions),
        };
    }

    private static IEnumerable<object> Assumptions(IReadOnlyList<Assumption> list) =>
        list.Select(a => new { key = a.Key, value = a.Value, source = a.Source });
}
