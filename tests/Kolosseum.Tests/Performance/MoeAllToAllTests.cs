using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// The NCCL all-to-all dispatcher (docs/performance-model.md, "Mixture of experts"): its latency steps (NCCL runs the
/// peers' sends and receives together, up to 8 in one work batch, not one after another) and its second permutation
/// (Megatron-Core sorts the received chunks by local expert and back).
/// </summary>
public class MoeAllToAllTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(8, 1)]
    [InlineData(9, 1)]
    [InlineData(10, 2)]
    [InlineData(32, 4)]
    [InlineData(64, 8)]
    [InlineData(65, 8)]
    [InlineData(66, 9)]
    public void An_all_to_all_pays_one_latency_step_per_batch_of_eight_peers(int ranks, int steps)
    {
        Assert.Equal(steps, PerformanceModel.AllToAllLatencySteps(ranks));
        // Never more than the one step per peer that exchanging with the peers one after another would pay.
        Assert.True(PerformanceModel.AllToAllLatencySteps(ranks) <= Math.Max(0, ranks - 1));
    }

    [Fact]
    public void Inside_an_nvl72_rack_the_exchange_is_the_nvlink_share_plus_eight_steps_at_ep_64()
    {
        // Qwen3-235B-A22B (hidden 4,096, top-8) on 64 GB200 of one NVL72 rack, ep 64, 4,096 tokens a micro-batch.
        var c = PerformanceFixture.Catalog;
        var gpu = c.Get<GpuSpec>("GB200-NVL72");
        var node = c.Get<NodeSpec>("gb200-nvl72");
        var network = FabricNetwork.DefaultNetwork(c, gpu, node, 64);
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 1024, SeqLen = 4096, Precision = Precision.Fp8, Attention = AttentionKernel.Flash };
        var model = new PerformanceModel(c.Get<ModelSpec>("qwen3-235b-a22b"), training, gpu, network);
        var layout = new Layout(1, 1, 1, 64, 1, 64, 1, false, Recompute.None, 1);

        double bytes = 2.0 * 4096 * 8 * 4096;
        double bandwidth = network.ScaleUpBandwidth.Value * network.ScaleUpEfficiency;
        double expected = 63.0 / 64 * bytes / bandwidth + 8 * network.ScaleUpLatency.Seconds;
        Assert.Equal(expected, model.ExpertParallelPerAllToAll(layout), 12);
    }

    private static readonly Layout Ep8 = new(1, 1, 1, 8, 1, 8, 1, false, Recompute.None, 1);

    private static PerformanceModel Qwen30(MoeOptions moe)
    {
        var c = PerformanceFixture.Catalog;
        var gpu = c.Get<GpuSpec>("B200");
        var node = c.Get<NodeSpec>("hgx-b200");
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 512, SeqLen = 4096, Precision = Precision.Fp8, Attention = AttentionKernel.Flash, Moe = moe };
        return new PerformanceModel(c.Get<ModelSpec>("qwen3-30b-a3b"), training, gpu, FabricNetwork.DefaultNetwork(c, gpu, node, 8));
    }

    [Fact]
    public void The_all_to_all_dispatcher_sorts_every_received_copy_by_local_expert_and_back()
    {
        // 4,096 tokens, 8 copies each, hidden 2,048: the sort and the sort back read and write each 16-bit value.
        Assert.Equal(8.0 * 4096 * 8 * 2048, Qwen30(MoeOptions.Default).AllToAllSortBytes(Ep8), 6);
        // Padded to capacity, the padded copies are sorted too.
        Assert.Equal(1.25 * 8.0 * 4096 * 8 * 2048, Qwen30(MoeOptions.Default with { CapacityFactor = 1.25 }).AllToAllSortBytes(Ep8), 6);
    }

    [Fact]
    public void Deepep_and_a_single_expert_rank_have_no_second_permutation()
    {
        Assert.Equal(0, Qwen30(MoeOptions.Default with { Dispatcher = MoeDispatcher.DeepEp }).AllToAllSortBytes(Ep8));
        Assert.Equal(0, Qwen30(MoeOptions.Default).AllToAllSortBytes(Ep8 with { Ep = 1 }));
    }

    [Fact]
    public void The_sort_adds_its_bytes_at_memory_speed_forward_and_twice_backward_to_every_moe_layer()
    {
        // NCCL all-to-all against DeepEP on one 8-GPU node without overlap: their computation differs only by the sort
        // (bytes and two launches) and by the FP8 cast of the up-projection input (per copy against per token), each a
        // memory-bound pass the forward runs once and the backward twice, in all 48 layers of each of 64 micro-batches.
        var nccl = Qwen30(MoeOptions.Default);
        var deepep = Qwen30(MoeOptions.Default with { Dispatcher = MoeDispatcher.DeepEp });
        var gpu = nccl.Gpu;
        double hbm = gpu.HbmBandwidth.Value * gpu.Efficiency.Memory;
        double bytes = nccl.AllToAllSortBytes(Ep8) + nccl.Fp8ExpertCastBytes(Ep8) - deepep.Fp8ExpertCastBytes(Ep8);
        double perLayer = 3 * (bytes / hbm + 2 * gpu.Efficiency.KernelOverhead.Seconds);
        double expected = 48 * Ep8.MicroBatches(512) * perLayer;
        Assert.Equal(expected, nccl.Evaluate(Ep8).Compute - deepep.Evaluate(Ep8).Compute, 9);
    }
}
