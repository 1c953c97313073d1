using System.Text;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Units;
using Kolosseum.Workload;

namespace Kolosseum.Export;

/// <summary>
/// The layout as a Megatron-LM <c>pretrain_gpt.py</c> launch under torchrun: parallel degrees, batch, recompute,
/// optimizer sharding, precision and the model's shape, one argument per line (docs/export.md, "Megatron-LM").
/// </summary>
internal static class MegatronExport
{
    public static ExportedFile Write(ExportInput input, string baseName)
    {
        var (model, training, l) = (input.Model, input.Training, input.Layout);
        var notes = new List<ExportNote>();
        var args = new List<(string Flag, string? Value)>
        {
            ("--tensor-model-parallel-size", l.Tp.Inv()),
            ("--pipeline-model-parallel-size", l.Pp.Inv()),
        };
        var split = PipelineSplit.For(model.Layers, l.Pp);
        if (!split.Even)
        {
            if (!split.WithinModel) notes.Add(ExportText.UnevenNote(model.Layers, split));
            args.Add(("--decoder-first-pipeline-num-layers", split.First.Inv()));
            if (split.Stages > 2) args.Add(("--decoder-last-pipeline-num-layers", split.Last.Inv()));
        }
        if (l.Vpp > 1)
        {
            if (split.Even && split.Middle % l.Vpp == 0)
                args.Add(("--num-layers-per-virtual-pipeline-stage", (split.Middle / l.Vpp).Inv()));
            else
            {
                args.Add(("--num-virtual-stages-per-pipeline-rank", l.Vpp.Inv()));
                notes.Add(new("vpp", $"{model.Layers.Inv()} layers do not split into {l.Pp.Inv()} × {l.Vpp.Inv()} equal virtual stages; " +
                    "Megatron-Core then needs --pipeline-model-parallel-layout written by hand"));
            }
        }
        if (l.Cp > 1)
        {
            args.Add(("--context-parallel-size", l.Cp.Inv()));
            args.Add(("--cp-comm-type", "p2p")); // ring attention, as the performance model charges it
        }
        if (l.Ep > 1) args.Add(("--expert-model-parallel-size", l.Ep.Inv()));
        // Megatron-Core defaults the experts' TP degree to --tensor-model-parallel-size; say it when it differs.
        if (l.Etp != l.Tp) args.Add(("--expert-tensor-parallel-size", l.Etp.Inv()));
        if (l.SequenceParallel) args.Add(("--sequence-parallel", null));
        args.Add(("--micro-batch-size", l.MicroBatch.Inv()));
        args.Add(("--global-batch-size", training.GlobalBatch.Inv()));
        args.Add(("--seq-length", training.SeqLen.Inv()));
        args.Add(("--train-samples", Math.Ceiling(training.Tokens / training.SeqLen).Inv("0")));
        switch (l.Recompute)
        {
            case Recompute.Selective:
                // Megatron's selective granularity recomputes core attention by default: Korthikanti's selective.
                args.Add(("--recompute-granularity", "selective"));
                break;
            case Recompute.Full:
                args.Add(("--recompute-granularity", "full"));
                args.Add(("--recompute-method", "uniform"));
                args.Add(("--recompute-num-layers", "1"));
                break;
        }
        switch (l.Zero)
        {
            case 1:
                args.Add(("--use-distributed-optimizer", null));
                break;
            case 2 or 3:
                args.Add(("--use-megatron-fsdp", null));
                args.Add(("--data-parallel-sharding-strategy", l.Zero == 2 ? "optim_grads" : "optim_grads_params"));
                if (l.Pp > 1)
                    notes.Add(new("zero", $"ZeRO-{l.Zero.Inv()} is written as Megatron-FSDP, whose arguments do not say that it composes with pipeline parallelism (pp={l.Pp.Inv()}): check it on your version"));
                break;
        }
        switch (training.Precision)
        {
            case Precision.Bf16: args.Add(("--bf16", null)); break;
            case Precision.Fp16: args.Add(("--fp16", null)); break;
            case Precision.Fp8:
                args.Add(("--bf16", null));
                args.Add(("--fp8-format", "hybrid")); // E4M3 forward, E5M2 gradients: Transformer Engine's usual recipe
                break;
        }
        args.Add(("--attention-backend", training.Attention == AttentionKernel.Flash ? "flash" : "unfused"));
        ModelShape(model, training, args, notes);

        var sb = new StringBuilder();
        sb.Append("#!/usr/bin/env bash\n");
        ExportText.Header(sb, "# ", "Megatron-LM (pretrain_gpt.py under torchrun)", input, FrameworkSources.Megatron, notes);
        var (nodes, perNode) = ExportText.Nodes(l.Gpus, input.GpusPerNode, notes);
        sb.Append("# the catalog does not record the normalisation: Megatron's default is LayerNorm; add --normalization RMSNorm for Llama-style models\n");
        sb.Append("# data, tokenizer, optimizer and checkpoint flags go after the script's name (\"$@\")\n");
        sb.Append("set -euo pipefail\n");
        sb.Append("# Megatron asserts this with tensor or context parallelism (validate_args).\n");
        sb.Append("export CUDA_DEVICE_MAX_CONNECTIONS=1\n");
        sb.Append(": \"${MASTER_ADDR:?set MASTER_ADDR to the first node}\"\n");
        sb.Append("torchrun --nnodes ").Append(nodes.Inv()).Append(" --nproc-per-node ").Append(perNode.Inv())
          .Append(" --rdzv-backend c10d --rdzv-endpoint \"$MASTER_ADDR:${MASTER_PORT:-29500}\" \\\n");
        sb.Append("  pretrain_gpt.py \\\n");
        foreach (var (flag, value) in args)
            sb.Append("  ").Append(flag).Append(value is null ? "" : " " + value).Append(" \\\n");
        sb.Append("  \"$@\"\n");
        return new ExportedFile(Framework.Megatron, baseName + ".megatron.sh", sb.ToString(), notes);
    }

    private static void ModelShape(ModelSpec m, TrainingSpec training, List<(string, string?)> args, List<ExportNote> notes)
    {
        args.Add(("--num-layers", m.Layers.Inv()));
        args.Add(("--hidden-size", m.Hidden.Inv()));
        args.Add(("--ffn-hidden-size", m.FfnHidden.Inv()));
        args.Add(("--num-attention-heads", m.Heads.Inv()));
        if (m.KvHeads != m.Heads)
        {
            args.Add(("--group-query-attention", null));
            args.Add(("--num-query-groups", m.KvHeads.Inv()));
        }
        if (m.HeadDim != m.Hidden / m.Heads) args.Add(("--kv-channels", m.HeadDim.Inv()));
        args.Add(("--max-position-embeddings", Math.Max(training.SeqLen, m.SeqLen).Inv()));
        args.Add(("--vocab-size", m.Vocab.Inv()));
        switch (m.Positions)
        {
            case PositionEmbedding.Rope: args.Add(("--position-embedding-type", "rope")); break;
            case PositionEmbedding.Learned: args.Add(("--position-embedding-type", "learned_absolute")); break;
            case PositionEmbedding.None: args.Add(("--position-embedding-type", "none")); break;
            case PositionEmbedding.Alibi:
                notes.Add(new("position_embedding", "Megatron-Core has no ALiBi position embedding; the file leaves the default (learned absolute)"));
                break;
        }
        switch (m.Activation)
        {
            case FfnActivation.Swiglu: args.Add(("--swiglu", null)); break;
            case FfnActivation.Relu2: args.Add(("--squared-relu", null)); break;
            case FfnActivation.Gelu: break; // Megatron's default activation
            case FfnActivation.Geglu:
                args.Add(("--quick-geglu", null));
                notes.Add(new("activation", "GeGLU is written as Megatron's --quick-geglu (a gated quick-GELU): the same shape and cost, a different activation"));
                break;
            case FfnActivation.Relu:
                notes.Add(new("activation", "Megatron-LM has no plain ReLU flag; the file keeps its default GELU (same cost)"));
                break;
        }
        if (!m.TiedEmbeddings) args.Add(("--untie-embeddings-and-output-weights", null));
        if (!m.LinearBias) args.Add(("--disable-bias-linear", null));
        if (m.Moe is { } moe)
        {
            args.Add(("--num-experts", moe.Experts.Inv()));
            args.Add(("--moe-router-topk", moe.TopK.Inv()));
            args.Add(("--moe-ffn-hidden-size", moe.ExpertFfnHidden.Inv()));
            if (moe.SharedExperts > 0) args.Add(("--moe-shared-expert-intermediate-size", ((long)moe.SharedExperts * moe.SharedFfnHidden).Inv()));
            if (moe.DenseLayers > 0)
                args.Add(("--moe-layer-freq", $"'([0]*{moe.DenseLayers.Inv()}+[1]*{(m.Layers - moe.DenseLayers).Inv()})'"));
            args.Add(("--moe-token-dispatcher-type", "alltoall"));
        }
        if (m.Mla is { } mla)
        {
            args.Add(("--multi-latent-attention", null));
            if (mla.QLoraRank > 0) args.Add(("--q-lora-rank", mla.QLoraRank.Inv()));
            args.Add(("--kv-lora-rank", mla.KvLoraRank.Inv()));
            args.Add(("--qk-head-dim", mla.QkNopeHeadDim.Inv()));
            args.Add(("--qk-pos-emb-head-dim", mla.QkRopeHeadDim.Inv()));
            args.Add(("--v-head-dim", mla.VHeadDim.Inv()));
        }
    }
}
