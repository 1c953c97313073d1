using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// FP8 casts of the routed experts' inputs (docs/performance-model.md, "Mixture of experts"): a memory-bound pass of
/// 6 bytes per value (two 16-bit reads, two FP8 writes) over both grouped-GEMM inputs, on Qwen3-30B-A3B
/// (hidden 2,048, 128 experts of 768, top-8) with its Megatron-Bridge 25.09 layout on 8 GPUs, ep 8.
/// </summary>
public class Fp8ExpertCastTests
{
    private static readonly Layout Ep8 = new(1, 1, 1, 8, 1, 8, 1, false, Recompute.None, 1);

    private static PerformanceModel Qwen(Precision precision, MoeOptions moe)
    {
        var c = PerformanceFixture.Catalog;
        var gpu = c.Get<GpuSpec>("B200");
        var node = c.Get<NodeSpec>("hgx-b200");
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 512, SeqLen = 4096, Precision = precision, Attention = AttentionKernel.Flash, Moe = moe };
        return new PerformanceModel(c.Get<ModelSpec>("qwen3-30b-a3b"), training, gpu, FabricNetwork.DefaultNetwork(c, gpu, node, 8));
    }

    [Fact]
    public void Each_routed_copy_casts_its_hidden_and_expert_inputs_at_six_bytes_a_value()
    {
        // 4,096 tokens a micro-batch, 8 copies each: 32,768 rows of 2,048 into the up-projection and of 768 into the down.
        double expected = 6.0 * 4096 * 8 * (2048 + 768);
        Assert.Equal(expected, Qwen(Precision.Fp8, MoeOptions.Default).Fp8ExpertCastBytes(Ep8), 6);
    }

    [Fact]
    public void Deepep_casts_the_up_projection_input_once_per_token_and_bf16_casts_nothing()
    {
        double deepep = Qwen(Precision.Fp8, MoeOptions.Default with { Dispatcher = MoeDispatcher.DeepEp }).Fp8ExpertCastBytes(Ep8);
        Assert.Equal(6.0 * (4096 * 2048 + 4096 * 8 * 768), deepep, 6);
        Assert.Equal(0, Qwen(Precision.Bf16, MoeOptions.Default).Fp8ExpertCastBytes(Ep8));
    }

    [Fact]
    public void Padding_to_capacity_casts_the_padded_copies_too()
    {
        double balanced = Qwen(Precision.Fp8, MoeOptions.Default).Fp8ExpertCastBytes(Ep8);
        double padded = Qwen(Precision.Fp8, MoeOptions.Default with { CapacityFactor = 1.25 }).Fp8ExpertCastBytes(Ep8);
        Assert.Equal(1.25 * balanced, padded, 6);
    }
}
