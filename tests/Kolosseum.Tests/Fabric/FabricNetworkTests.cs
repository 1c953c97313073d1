using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Units;
using static Kolosseum.Tests.Fabric.FabricTestKit;

namespace Kolosseum.Tests.Fabric;

public class FabricNetworkTests
{
    [Fact]
    public void Default_network_for_hgx_h100_takes_bandwidth_from_the_nics_and_scale_up_from_the_gpu()
    {
        var node = Parts.Get<NodeSpec>("hgx-h100");
        var gpu = Parts.Get<GpuSpec>(node.GpuId);
        var net = FabricNetwork.DefaultNetwork(Parts, gpu, node, 24_576);
        Assert.Equal(BytesPerSecond.FromGbitps(400).Value, net.ScaleOutBandwidth.Value, 6); // one 400G NIC per GPU
        Assert.Equal(gpu.ScaleUpDomain, net.ScaleUpDomain);
        Assert.Equal(Parts.Get<SwitchSpec>("qm9700").CollectiveEfficiency, net.ScaleOutEfficiency);
        Assert.True(net.InNetworkReduction); // Quantum-2 SHARP
        Assert.Equal(24_576, net.Levels[^1].GpusWithin);
        Assert.All(net.Levels, l => Assert.Equal(1, l.Oversubscription)); // non-blocking by default
        // Hops grow outward: 1 within a rail group, 2T-1 across the cluster.
        Assert.Equal(1, net.SwitchHopsFor(8));
        Assert.Equal(5, net.SwitchHopsFor(24_576));
        Assert.True(net.ScaleOutLatencyFor(24_576) > net.ScaleOutLatencyFor(8));
    }

    /// <summary>
    /// 100k H100 by default is what Colossus built: 3 tiers of 128-port Spectrum-X SN5600 (no SHARP), not a 4-tier
    /// QM9700 tree; the performance model sees the switch (no in-network reduction, its hop latency, 5 hops across).
    /// </summary>
    [Fact]
    public void Default_network_for_100k_H100_is_three_tiers_of_128_port_ethernet()
    {
        var node = Parts.Get<NodeSpec>("hgx-h100");
        var gpu = Parts.Get<GpuSpec>(node.GpuId);
        var net = FabricNetwork.DefaultNetwork(Parts, gpu, node, 100_000);
        var sn5600 = Parts.Get<SwitchSpec>("sn5600");
        Assert.False(net.InNetworkReduction);
        Assert.Equal(sn5600.HopLatency, net.SwitchHopLatency);
        Assert.Equal(sn5600.CollectiveEfficiency, net.ScaleOutEfficiency);
        Assert.Equal(5, net.SwitchHopsFor(100_000));
        Assert.All(net.Levels, l => Assert.Equal(1, l.Oversubscription));
    }

    [Fact]
    public void A_group_spanning_islands_pays_the_oversubscribed_tier()
    {
        var b = Design("hgx-h100", 98_304, s => s with { SwitchId = "qm9700", IslandGpus = 24_576, Oversubscription = 7 }).Backend;
        var node = Parts.Get<NodeSpec>("hgx-h100");
        var net = FabricNetwork.ToClusterNetwork(b, Parts.Get<GpuSpec>(node.GpuId), node, Parts.Get<NicSpec>(node.BackendNicId));
        Assert.Equal(1, net.OversubscriptionFor(24_576));
        Assert.Equal(7, net.OversubscriptionFor(24_577), 3);
        var level = b.Levels[^1];
        Assert.Equal(b.Levels[0].BandwidthPerGpu.Value / 7, level.BandwidthPerGpu.Value, 3);
    }

    [Fact]
    public void Bisection_is_half_the_node_links_when_non_blocking_and_cut_by_the_top_tier_when_not()
    {
        var full = Design("hgx-h100", 65_536).Backend;
        Assert.Equal(65_536 / 2.0 * BytesPerSecond.FromGbitps(400).Value, full.Bisection.Value, 0);
        var over = Design("hgx-h100", 98_304, s => s with { SwitchId = "qm9700", IslandGpus = 24_576, Oversubscription = 7 }).Backend;
        Assert.Equal(over.Counts.LinksAbove(3) / 2.0 * BytesPerSecond.FromGbitps(400).Value, over.Bisection.Value, 0);
    }
}
