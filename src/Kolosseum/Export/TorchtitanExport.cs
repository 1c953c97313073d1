using System.Text;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Units;
using Kolosseum.Workload;

namespace Kolosseum.Export;

/// <summary>
/// The layout as a TorchTitan job TOML: <c>[parallelism]</c> degrees and schedule, <c>[training]</c> batch and
/// sequence, <c>[activation_checkpoint]</c>, <c>[float8]</c> (docs/export.md, "TorchTitan").
/// </summary>
internal static class TorchtitanExport
{
    public static ExportedFile Write(ExportInput input, string baseName)
    {
        var (model, training, l) = (input.Model, input.Training, input.Layout);
        var notes = new List<ExportNote>();
        ExportText.Nodes(l.Gpus, input.GpusPerNode, notes);
        string? flavor = Flavor(model);
        if (flavor is null)
            notes.Add(new("model", $"TorchTitan's llama3 flavors (8B, 70B, 405B) do not hold {model.Id}'s shape: register a flavor with the shape in the comments below"));
        if (l.Zero == 1)
            notes.Add(new("zero", "TorchTitan shards with FSDP2 or replicates with DDP, and has no optimizer-only sharding (ZeRO-1): the file keeps parameters after the forward pass (fsdp_reshard_after_forward = \"never\", ZeRO-2), which shards the gradients too"));
        if (l.Tp > 1 && !l.SequenceParallel)
            notes.Add(new("sequence_parallel", "TorchTitan's tensor parallelism always shards the sequence between the blocks (sequence parallel); it cannot be turned off"));
        if (training.Precision == Precision.Fp16)
            notes.Add(new("precision", "TorchTitan's mixed_precision_param takes bfloat16 or float32, not fp16: the file uses bfloat16"));
        if (l.Ep > 1 && l.Ep < l.Cp)
            notes.Add(new("ep", $"TorchTitan asks context_parallel_degree <= expert_parallel_degree (cp={l.Cp.Inv()}, ep={l.Ep.Inv()})"));
        if (model.Moe is not null)
            notes.Add(new("model", "TorchTitan's MoE models are their own train specs (deepseek_v3, llama4): choose the one that matches the model"));

        int stages = l.Pp * l.Vpp;
        bool evenStages = model.Layers % stages == 0;
        if (l.Vpp > 1 && !evenStages)
            notes.Add(new("vpp", $"{model.Layers.Inv()} layers do not split into {stages.Inv()} equal stages: TorchTitan places them itself"));

        var sb = new StringBuilder();
        ExportText.Header(sb, "# ", "TorchTitan job config (torchrun ... -m torchtitan.train --job.config_file FILE)", input, FrameworkSources.Torchtitan, notes);
        sb.Append("# model shape: layers ").Append(model.Layers.Inv()).Append(", dim ").Append(model.Hidden.Inv()).Append(", heads ").Append(model.Heads.Inv())
          .Append(", kv heads ").Append(model.KvHeads.Inv()).Append(", ffn ").Append(model.FfnHidden.Inv()).Append(", vocab ").Append(model.Vocab.Inv()).Append('\n');
        sb.Append("\n[model]\n");
        sb.Append("name = \"llama3\"\n");
        // An unknown shape gets a flavor name no TorchTitan release holds, so the launch stops until it is registered.
        sb.Append("flavor = \"").Append(flavor ?? "kolosseum-" + LaunchConfig.Slug(model.Id)).Append("\"\n");
        if (training.Precision == Precision.Fp8) sb.Append("converters = [\"float8\"]\n");

        sb.Append("\n[training]\n");
        // With pipelining TorchTitan cuts each replica's local batch into micro-batches of the pipeline's size;
        // without it the local batch is the micro-batch and the global batch sets the accumulation steps.
        int local = l.Pp > 1 ? training.GlobalBatch / l.Dp : l.MicroBatch;
        sb.Append("local_batch_size = ").Append(local.Inv()).Append('\n');
        sb.Append("global_batch_size = ").Append(training.GlobalBatch.Inv()).Append('\n');
        sb.Append("seq_len = ").Append(training.SeqLen.Inv()).Append('\n');
        sb.Append("steps = ").Append(Math.Ceiling(training.Steps).Inv("0")).Append('\n');
        sb.Append("mixed_precision_param = \"bfloat16\"\n");

        sb.Append("\n[parallelism]\n");
        sb.Append("data_parallel_replicate_degree = ").Append((l.Zero == 0 ? l.Dp : 1).Inv()).Append('\n');
        sb.Append("data_parallel_shard_degree = ").Append((l.Zero == 0 ? 1 : l.Dp).Inv()).Append('\n');
        if (l.Zero > 0) sb.Append("fsdp_reshard_after_forward = \"").Append(l.Zero == 3 ? "always" : "never").Append("\"\n");
        sb.Append("tensor_parallel_degree = ").Append(l.Tp.Inv()).Append('\n');
        sb.Append("pipeline_parallel_degree = ").Append(l.Pp.Inv()).Append('\n');
        if (l.Pp > 1)
        {
            sb.Append("pipeline_parallel_schedule = \"").Append(l.Vpp > 1 ? "Interleaved1F1B" : "1F1B").Append("\"\n");
            sb.Append("pipeline_parallel_microbatch_size = ").Append(l.MicroBatch.Inv()).Append('\n');
            if (evenStages)
            {
                sb.Append("pipeline_parallel_layers_per_stage = ").Append((model.Layers / stages).Inv()).Append('\n');
                // The performance model places the embedding and output beside whole stages, not instead of layers.
                sb.Append("pipeline_parallel_first_stage_less_layers = 0\n");
                sb.Append("pipeline_parallel_last_stage_less_layers = 0\n");
            }
            else
            {
                sb.Append("# the layers do not divide evenly: TorchTitan's default gives the first and last stage one layer less, as the performance model assumes\n");
            }
        }
        sb.Append("context_parallel_degree = ").Append(l.Cp.Inv()).Append('\n');
        sb.Append("expert_parallel_degree = ").Append(l.Ep.Inv()).Append('\n');
        // TorchTitan's own default is 1 (experts whole); the layout's value is written either way.
        if (model.Moe is not null) sb.Append("expert_tensor_parallel_degree = ").Append(l.Etp.Inv()).Append('\n');

        sb.Append("\n[activation_checkpoint]\n");
        sb.Append("mode = \"").Append(l.Recompute switch { Recompute.Selective => "selective", Recompute.Full => "full", _ => "none" }).Append("\"\n");
        if (l.Recompute == Recompute.Selective)
        {
            // Op-level selective checkpointing keeps the matrix products and recomputes the rest (attention core).
            sb.Append("selective_ac_option = \"op\"\n");
        }
        if (training.Precision == Precision.Fp8)
        {
            sb.Append("\n[float8]\n");
            sb.Append("recipe_name = \"tensorwise\"\n");
            if (l.Zero > 0) sb.Append("enable_fsdp_float8_all_gather = true\n");
        }
        return new ExportedFile(Framework.Torchtitan, baseName + ".torchtitan.toml", sb.ToString(), notes);
    }

    /// <summary>TorchTitan's llama3 flavors (torchtitan/models/llama3/__init__.py), matched by shape.</summary>
    private static string? Flavor(ModelSpec m)
    {
        if (m.Moe is not null || m.Mla is not null || m.Activation != FfnActivation.Swiglu || m.Positions != PositionEmbedding.Rope) return null;
        return (m.Layers, m.Hidden, m.Heads, m.KvHeads) switch
        {
            (32, 4096, 32, 8) => "8B",
            (80, 8192, 64, 8) => "70B",
            (126, 16384, 128, 8) => "405B",
            _ => null,
        };
    }
}
