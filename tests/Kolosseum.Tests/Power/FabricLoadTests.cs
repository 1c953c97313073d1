using Kolosseum.Fabric;
using Kolosseum.Power;
using static Kolosseum.Tests.Power.PowerFixture;

namespace Kolosseum.Tests.Power;

public class FabricLoadTests
{
    private static ClusterFabric Fabric(long gpus, string? switchId = null, int? tiers = null)
    {
        var settings = FabricSettings.Defaults(Embedded, HgxH100.Id, H100.Id, gpus);
        if (switchId is not null) settings = settings with { SwitchId = switchId, Tiers = tiers };
        return FabricDesigner.Design(Embedded, H100, HgxH100, gpus, settings).Design!;
    }

    [Fact]
    public void The_load_carries_every_watt_and_dollar_of_the_design()
    {
        var fabric = Fabric(24_576);
        var load = FabricLoad.From(fabric);
        Assert.False(load.IsApproximation);
        Assert.Equal(fabric.Power.Value, load.Power.Value, 1e-6);
        Assert.Equal(fabric.Cost.Value, load.Cost!.Value.Value, 1e-3);
        long switches = fabric.All.Sum(d => d.Switches);
        Assert.Equal(switches, load.Lines.Where(l => l.Name.Contains("switches", StringComparison.Ordinal)).Sum(l => l.Count));
    }

    /// <summary>
    /// The published-range check of <see cref="ClusterPowerTests"/> with the network from the fabric designer instead of a
    /// share: non-blocking 3 tiers of 128-port SN5600 and the catalog default (64-port QM9700, 4 tiers), each with its
    /// front-end, plus storage from the sizing rule. SemiAnalysis: ~140-150 MW of critical IT (3% tolerance, as there).
    /// </summary>
    [Theory]
    [InlineData(null, null)]
    [InlineData("sn5600", 3)]
    public void It_capacity_of_100k_H100_with_a_designed_fabric_lands_in_the_published_range(string? switchId, int? tiers)
    {
        var power = ClusterPower.Compute(H100Cluster(100_000, FabricLoad.From(Fabric(100_000, switchId, tiers))), 1.2, new StepPhases(0.6, 0.4, 0));
        Assert.InRange(power.ItCapacity.Megawatts, 140 * 0.97, 150 * 1.03);
    }
}
