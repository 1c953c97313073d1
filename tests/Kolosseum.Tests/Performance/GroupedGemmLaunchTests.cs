using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// The routed experts' grouped GEMM (docs/performance-model.md, "Mixture of experts"): Transformer Engine issues one
/// cuBLAS GEMM per local expert, round-robin on 4 streams, so a grouped GEMM pays ⌈G/4⌉ launches in sequence while its
/// FLOPs and bytes grow with G. Shapes chosen so every group count fills whole waves of a B200's 148 SMs (512 × 4,736
/// outputs: 148 tiles of 128 × 128 a group) and stays compute-bound in FP8 (k = 4,096), so only the launches bend the line.
/// </summary>
public class GroupedGemmLaunchTests
{
    private const double M = 512, K = 4096, N = 4736;

    private static PerformanceModel Model()
    {
        var c = PerformanceFixture.Catalog;
        var gpu = c.Get<GpuSpec>("B200");
        var node = c.Get<NodeSpec>("hgx-b200");
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 512, SeqLen = 4096, Precision = Precision.Fp8, Attention = AttentionKernel.Flash };
        return new PerformanceModel(c.Get<ModelSpec>("qwen3-30b-a3b"), training, gpu, FabricNetwork.DefaultNetwork(c, gpu, node, 8));
    }

    [Fact]
    public void Four_groups_share_one_launch_round_and_a_fifth_starts_another()
    {
        var model = Model();
        double launch = model.Gpu.Efficiency.KernelOverhead.Seconds;
        double four = model.GroupedGemm(4, M, K, N);
        double perGroup = (four - launch) / 4;
        Assert.True(perGroup > 0);
        // Sixteen experts: four launch rounds, four times the work of four experts, so exactly four times their time.
        Assert.Equal(4 * four, model.GroupedGemm(16, M, K, N), 12);
        // A fifth expert adds its work and a second round of launches; the sixth to eighth only their work.
        Assert.Equal(four + perGroup + launch, model.GroupedGemm(5, M, K, N), 12);
        Assert.Equal(four + 4 * perGroup + launch, model.GroupedGemm(8, M, K, N), 12);
    }

    [Fact]
    public void One_to_four_experts_pay_the_single_launch_of_a_plain_gemm()
    {
        var model = Model();
        double launch = model.Gpu.Efficiency.KernelOverhead.Seconds;
        double one = model.GroupedGemm(1, M, K, N) - launch;
        for (int g = 1; g <= 4; g++)
            Assert.Equal(g * one + launch, model.GroupedGemm(g, M, K, N), 12);
    }
}
