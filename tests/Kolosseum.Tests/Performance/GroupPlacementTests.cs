using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// Where groups land in the scale-up domains (docs/performance-model.md, "Placement"): a group that fits in a
/// multi-host NVLink domain stays inside it when the job can leave whole hosts of the domain over; a group
/// larger than a domain, or one that would leave part of a host, crosses the NICs.
/// </summary>
public class GroupPlacementTests
{
    [Fact]
    public void A_64_gpu_group_stays_inside_a_72_gpu_nvlink_domain_of_4_gpu_trays_and_a_96_gpu_group_does_not()
    {
        // 72 − 64 = 8 GPUs = two whole trays left over: the job takes 16 of the 18 trays.
        Assert.True(GroupPlacement.Of(64, 1, 72, 4).WithinDomain);
        Assert.True(GroupPlacement.Of(32, 2, 72, 4).WithinDomain);
        var wide = GroupPlacement.Of(96, 1, 72, 4);
        Assert.False(wide.WithinDomain);
        Assert.Equal(2, wide.Domains);
    }

    [Fact]
    public void Inside_one_server_a_group_that_leaves_part_of_it_straddles_servers()
    {
        // tp 6 in 8-GPU servers: the 2 GPUs left over belong to the same host and cannot be handed to anyone.
        Assert.False(GroupPlacement.Of(6, 1, 8, 8).WithinDomain);
        Assert.False(GroupPlacement.Of(6, 1, 8).WithinDomain);
        // In 4-GPU trays of a 72-GPU domain a 5-GPU group would leave 2 GPUs, half a tray: it straddles too.
        Assert.False(GroupPlacement.Of(5, 1, 72, 4).WithinDomain);
        Assert.True(GroupPlacement.Of(8, 1, 8, 8).WithinDomain);
    }

    [Fact]
    public void Expert_all_to_all_of_64_gpus_on_nvl72_travels_over_nvlink_not_the_nics()
    {
        var c = PerformanceFixture.Catalog;
        var model = c.Get<ModelSpec>("qwen3-235b-a22b");
        var gpu = c.Get<GpuSpec>("GB200-NVL72");
        var node = c.Get<NodeSpec>("gb200-nvl72");
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 1024, SeqLen = 4096, Precision = Precision.Fp8, Attention = AttentionKernel.Flash };
        var network = FabricNetwork.DefaultNetwork(c, gpu, node, 256);
        var layout = new Layout(2, 1, 1, 32, 1, 64, 1, true, Recompute.Full, 1) { ExpertTp = 1 };

        var trays = new PerformanceModel(model, training, gpu, network).Evaluate(layout);
        // The same rack counted as one indivisible host: the 64-GPU groups must straddle racks.
        var oneHost = new PerformanceModel(model, training, gpu, network with { ScaleUpHost = 0 }).Evaluate(layout);

        Assert.True(trays.EpExposed < oneHost.EpExposed, $"{trays.EpExposed:F3} s vs {oneHost.EpExposed:F3} s");
        // Inside NVLink the all-to-all costs what it costs in a domain of exactly 64 GPUs.
        var exact = new PerformanceModel(model, training, gpu, network with { ScaleUpDomain = 64, ScaleUpHost = 0 }).Evaluate(layout);
        Assert.Equal(exact.EpExposed, trays.EpExposed, 9);
    }
}
