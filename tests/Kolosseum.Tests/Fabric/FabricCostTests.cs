using Kolosseum.Fabric;
using static Kolosseum.Tests.Fabric.FabricTestKit;

namespace Kolosseum.Tests.Fabric;

/// <summary>Cost and power are sums of parts: linear in unit prices and watts, and they scale with whole units.</summary>
public class FabricCostTests
{
    [Fact]
    public void Bill_totals_are_count_times_unit_value()
    {
        var b = Design("hgx-h100", 24_576).Backend;
        Assert.Equal(b.Bom.Sum(l => l.Count * l.UnitPrice.Value), b.Cost.Value, 6);
        Assert.Equal(b.Bom.Sum(l => l.Count * l.UnitPower.Value), b.Power.Value, 6);
        Assert.Equal(b.Switches * b.Switch.Price.Value, b.CostOf(BomCategory.Switch).Value, 6);
        Assert.Equal(b.Switches * b.Switch.Power.Value, b.PowerOf(BomCategory.Switch).Value, 6);
    }

    // Full two-tier scalable units are identical copies: 4 SU cost twice 2 SU for leaves and optics, and the
    // spine count doubles with them (16 vs 8), so the whole fabric is exactly linear in whole units.
    [Fact]
    public void Whole_scalable_units_scale_cost_and_watts_linearly()
    {
        var two = Design("dgx-h100", 512).Backend;
        var four = Design("dgx-h100", 1024).Backend;
        Assert.Equal(2 * two.Cost.Value, four.Cost.Value, 6);
        Assert.Equal(2 * two.Power.Value, four.Power.Value, 6);
    }

    // The explicit sum (chassis with copper plus its own optics) stays within the vendor-class maximum
    // that SemiAnalysis quotes for a Quantum-2 switch with multimode optics in every cage (up to 1,500 W).
    [Fact]
    public void Switch_with_optics_in_every_cage_stays_within_its_maximum()
    {
        var qm = Parts.Get<SwitchSpec>("qm9700");
        var twin = Parts.Get<TransceiverSpec>("2xsr4-800g-osfp");
        double explicitSum = qm.Power.Value + qm.Cages * twin.Power.Value;
        Assert.InRange(explicitSum, qm.Power.Value, qm.PowerWithOptics.Value);
    }

    // SemiAnalysis: middle-of-rack (top-of-rack here) replaces the node-leaf optics with copper.
    [Fact]
    public void Top_of_rack_puts_node_links_on_copper()
    {
        var rail = Design("hgx-h100", 8192, s => s with { SwitchId = "sn5600" }).Backend;
        var tor = Design("hgx-h100", 8192, s => s with { SwitchId = "sn5600", RailOptimized = false }).Backend;
        Assert.Equal(LinkMedium.Multimode, Link(rail, "node-leaf").Medium);
        Assert.Equal(LinkMedium.Copper, Link(tor, "node-leaf").Medium);
        Assert.Equal(8192, Link(rail, "node-leaf").LowerOptics); // one single-port optic per NIC
        Assert.True(tor.Transceivers < rail.Transceivers);
    }
}
