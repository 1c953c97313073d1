using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// Llama 3 405B pre-training as Meta ran it (Llama Team 2024, arXiv 2407.21783, §3.3.2 and Table 4): tp 8, pp 16,
/// cp 1, 8,192-token sequences, 16M tokens (2,048 sequences) a step, an interleaved pipeline, no activation
/// checkpointing on 80 GB H100s, and FSDP that does not reshard after the forward pass, so each GPU keeps its
/// stage's weights whole while gradients and optimizer states stay sharded (ZeRO-2 here). The per-layer bytes
/// follow Llama's architecture (meta-llama/llama3 llama/model.py): RMSNorm, GQA with 8 KV heads, SwiGLU, no
/// dropout; flash attention keeps O and the log-sum-exp, never the scores (docs/performance-model.md,
/// "Activations, term by term").
/// </summary>
public class Llama3MemoryTests
{
    private const int Gpus = 16384;

    private static PerformanceModel Model(Func<ModelSpec, ModelSpec>? change = null, AttentionKernel attention = AttentionKernel.Flash)
    {
        var catalog = PerformanceFixture.Catalog;
        var m = catalog.Get<ModelSpec>("llama3.1-405b");
        if (change is not null) m = change(m);
        var gpu = catalog.Get<GpuSpec>("H100-SXM-80GB");
        var node = catalog.All<NodeSpec>().First(n => n.GpuId == gpu.Id);
        var training = new TrainingSpec { Tokens = 15.6e12, GlobalBatch = 2048, SeqLen = 8192, Precision = Precision.Bf16, Attention = attention };
        return new PerformanceModel(m, training, gpu, FabricNetwork.DefaultNetwork(catalog, gpu, node, Gpus));
    }

    /// <summary>Table 4, second row: 16,384 GPUs, dp 128, 16 sequences per data-parallel rank.</summary>
    private static Layout Interleaved(int vpp) => new(8, 16, vpp, 128, 1, 1, 2, true, Recompute.None, 1);

    /// <summary>Interleaving depths the layout rules accept for 126 layers on 16 stages (the paper does not give V).</summary>
    private static IEnumerable<int> Depths(PerformanceModel model) => Enumerable.Range(2, 7)
        .Where(v => LayoutRules.Check(model.Model, model.Training, Gpus, Interleaved(v)).Count == 0);

    [Fact]
    public void Llama_3s_8k_no_recompute_layout_fits()
    {
        var model = Model();
        var depths = Depths(model).ToList();
        Assert.Contains(2, depths);
        Assert.Contains(7, depths);
        foreach (int vpp in depths)
        {
            var e = model.Evaluate(Interleaved(vpp));
            Assert.True(e.Fits, $"vpp {vpp}: {e.MemoryBytes / (1L << 30):F1} GiB of {e.CapacityBytes / (1L << 30):F1} (stage {e.FullestStage})");
        }
    }

    [Fact]
    public void The_fit_rests_on_llamas_own_tensors_gpt3s_dropout_masks_or_materialised_scores_would_not_fit()
    {
        // The same layout with the two terms Korthikanti et al. 2022 count for GPT-3 and Llama 3 does not have:
        // 1-byte dropout masks after attention and the MLP, and (without flash) the softmax output for every score.
        var withDropout = Model(m => m with { Dropout = 0.1 });
        var unfused = Model(attention: AttentionKernel.Standard);
        foreach (int vpp in Depths(withDropout))
        {
            Assert.False(withDropout.Evaluate(Interleaved(vpp)).Fits, $"dropout, vpp {vpp}");
            Assert.False(unfused.Evaluate(Interleaved(vpp)).Fits, $"standard attention, vpp {vpp}");
        }
    }

    [Fact]
    public void Each_layer_keeps_llamas_own_tensors_term_by_term()
    {
        // pp 14 splits 126 layers evenly: stage 0 holds 9 layers for 14 micro-batches of 8,192 tokens, nothing else.
        var model = PerformanceFixture.Model("llama3.1-405b", "H100-SXM-80GB", 8192, 2048, seq: 8192);
        var e = model.Evaluate(new Layout(8, 14, 1, 64, 1, 1, 1, true, Recompute.None, 1));
        Assert.Equal(0, e.FullestStage);
        double h = 16384, a = 128, kvDim = 8 * 128, f = 53248, t = 8, tokens = 8192;
        // Per token, bytes: two norm inputs and two norm outputs (8h), Q (2h), K and V (2·2·8·128), the fp32
        // log-sum-exp per head (4a), the output-projection input (2h), gate and up outputs (4f), their product (2f).
        double perLayer = tokens * (8 * h + 2 * h + 4 * kvDim + 4 * a + 2 * h + 4 * f + 2 * f) / t;
        Assert.Equal(9 * 14 * perLayer, e.ActivationBytes, 1e-9 * e.ActivationBytes);
        // 31.78 units of s·h/t bytes (Korthikanti et al.'s GPT-3 count with sequence parallelism is 34 + 5·a·s/h).
        Assert.Equal(31.78, perLayer / (tokens * h / t), 0.01);
    }
}
