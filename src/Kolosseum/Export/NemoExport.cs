using System.Text;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Units;

namespace Kolosseum.Export;

/// <summary>
/// The layout as NeMo 2.0 recipe overrides: a YAML document of the recipe's keys (<c>trainer.strategy.*</c>,
/// <c>data.*</c>, <c>model.config.*</c>, <c>optim.config.*</c>), each of which <c>nemo llm pretrain --factory F
/// key=value</c> also takes on the command line (docs/export.md, "NeMo").
/// </summary>
internal static class NemoExport
{
    /// <summary>NeMo 2.0 recipe factories (nemo/collections/llm/recipes/&lt;name&gt;.py) for the catalog's models.</summary>
    private static readonly Dictionary<string, string> Factories = new(StringComparer.Ordinal)
    {
        ["llama3.1-405b"] = "llama31_405b",
        ["llama3.1-70b"] = "llama31_70b",
        ["llama3.1-8b"] = "llama31_8b",
        ["nemotron4-340b"] = "nemotron4_340b",
        ["mixtral-8x7b"] = "mixtral_8x7b",
        ["gpt3-175b"] = "gpt3_175b",
        ["deepseek-v3-671b"] = "deepseek_v3",
    };

    public static ExportedFile Write(ExportInput input, string baseName)
    {
        var (model, training, l) = (input.Model, input.Training, input.Layout);
        var notes = new List<ExportNote>();
        var (nodes, perNode) = ExportText.Nodes(l.Gpus, input.GpusPerNode, notes);
        var split = PipelineSplit.For(model.Layers, l.Pp);
        if (l.Vpp > 1 && !(split.Even && split.Middle % l.Vpp == 0))
            notes.Add(new("vpp", $"{model.Layers.Inv()} layers do not split into {l.Pp.Inv()} × {l.Vpp.Inv()} equal virtual stages; NeMo (Megatron-Core) will refuse the interleaved schedule"));
        if (l.Zero >= 2)
            notes.Add(new("zero", $"NeMo 2.0's MegatronStrategy shards the optimizer (distributed optimizer, ZeRO-1) but has no ZeRO-{l.Zero.Inv()} option: the file uses the distributed optimizer, which holds more memory per GPU than planned"));

        var keys = new List<(string Key, string Value)>
        {
            ("trainer.num_nodes", nodes.Inv()),
            ("trainer.devices", perNode.Inv()),
            ("trainer.max_steps", Math.Ceiling(training.Steps).Inv("0")),
            ("trainer.strategy.tensor_model_parallel_size", l.Tp.Inv()),
            ("trainer.strategy.pipeline_model_parallel_size", l.Pp.Inv()),
            ("trainer.strategy.virtual_pipeline_model_parallel_size", l.Vpp > 1 ? l.Vpp.Inv() : "null"),
            ("trainer.strategy.context_parallel_size", l.Cp.Inv()),
            ("trainer.strategy.sequence_parallel", l.SequenceParallel ? "true" : "false"),
            ("trainer.strategy.expert_model_parallel_size", l.Ep.Inv()),
            ("trainer.strategy.expert_tensor_parallel_size", l.Etp.Inv()),
            ("trainer.plugins.precision", training.Precision == Precision.Fp16 ? "16-mixed" : "bf16-mixed"),
        };
        if (training.Precision == Precision.Fp8) keys.Add(("trainer.plugins.fp8", "hybrid"));
        keys.Add(("data.seq_length", training.SeqLen.Inv()));
        keys.Add(("data.global_batch_size", training.GlobalBatch.Inv()));
        keys.Add(("data.micro_batch_size", l.MicroBatch.Inv()));
        keys.Add(("model.config.seq_length", training.SeqLen.Inv()));
        keys.Add(("model.config.num_layers", model.Layers.Inv()));
        keys.Add(("model.config.hidden_size", model.Hidden.Inv()));
        keys.Add(("model.config.ffn_hidden_size", model.FfnHidden.Inv()));
        keys.Add(("model.config.num_attention_heads", model.Heads.Inv()));
        keys.Add(("model.config.num_query_groups", model.KvHeads.Inv()));
        keys.Add(("model.config.kv_channels", model.HeadDim.Inv()));
        if (model.Moe is { } moe)
        {
            keys.Add(("model.config.num_moe_experts", moe.Experts.Inv()));
            keys.Add(("model.config.moe_router_topk", moe.TopK.Inv()));
            keys.Add(("model.config.moe_ffn_hidden_size", moe.ExpertFfnHidden.Inv()));
        }
        if (!split.Even)
        {
            if (!split.WithinModel) notes.Add(ExportText.UnevenNote(model.Layers, split));
            keys.Add(("model.config.num_layers_in_first_pipeline_stage", split.First.Inv()));
            if (split.Stages > 2) keys.Add(("model.config.num_layers_in_last_pipeline_stage", split.Last.Inv()));
        }
        keys.Add(("model.config.recompute_granularity", l.Recompute switch { Recompute.Selective => "selective", Recompute.Full => "full", _ => "null" }));
        keys.Add(("model.config.recompute_method", l.Recompute == Recompute.Full ? "uniform" : "null"));
        keys.Add(("model.config.recompute_num_layers", l.Recompute == Recompute.Full ? "1" : "null"));
        keys.Add(("optim.config.use_distributed_optimizer", l.Zero >= 1 ? "true" : "false"));

        string? factory = Factories.GetValueOrDefault(model.Id);
        if (factory is null)
            notes.Add(new("model", $"NeMo 2.0 has no recipe for {model.Id}: start from the nearest recipe; the model.config keys below give the shape"));
        var sb = new StringBuilder();
        ExportText.Header(sb, "# ", "NeMo 2.0 recipe overrides (nemo llm pretrain)", input, FrameworkSources.Nemo, notes);
        sb.Append("# the same keys on the command line:\n");
        sb.Append("#   nemo llm pretrain --factory ").Append(factory ?? "<recipe>").Append(" \\\n");
        foreach (var (key, value) in keys) sb.Append("#     ").Append(key).Append('=').Append(value).Append(" \\\n");
        sb.Append("#     <data and logging keys>\n");
        WriteTree(sb, keys);
        return new ExportedFile(Framework.Nemo, baseName + ".nemo.yaml", sb.ToString(), notes);
    }

    /// <summary>Dotted keys as nested YAML mappings, in the order given (keys sharing a prefix are adjacent).</summary>
    private static void WriteTree(StringBuilder sb, List<(string Key, string Value)> keys)
    {
        string[] open = [];
        foreach (var (key, value) in keys)
        {
            var parts = key.Split('.');
            int common = 0;
            while (common < open.Length && common < parts.Length - 1 && open[common] == parts[common]) common++;
            for (int i = common; i < parts.Length - 1; i++)
                sb.Append(' ', 2 * i).Append(parts[i]).Append(":\n");
            sb.Append(' ', 2 * (parts.Length - 1)).Append(parts[^1]).Append(": ").Append(value).Append('\n');
            open = parts[..^1];
        }
    }
}
