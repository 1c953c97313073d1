using CsCheck;
using Kolosseum.Fabric;
using static Kolosseum.Tests.Fabric.FabricTestKit;

namespace Kolosseum.Tests.Fabric;

/// <summary>Invariants that hold for every GPU count: more GPUs never need fewer parts, watts or dollars.</summary>
public class FabricPropertyTests
{
    // The switch is pinned: the catalog default changes switch at a cluster size (fabric_defaults min_gpus),
    // and a different design may well be cheaper; the invariant is for one design family.
    private static readonly (string Node, Func<FabricSettings, FabricSettings> Change)[] Choices =
    [
        ("dgx-h100", s => s with { SwitchId = "qm9700" }),
        ("hgx-h100", s => s with { SwitchId = "sn5600" }),
        ("hgx-h100", s => s with { SwitchId = "qm9700", Oversubscription = 7 }),
        ("hgx-h100", s => s with { RailOptimized = false, SwitchId = "tomahawk5" }),
        ("dgx-a100", s => s),
    ];

    [Fact]
    public void Counts_cost_and_watts_are_monotone_in_the_gpu_count()
    {
        Gen.Select(Gen.Int[0, Choices.Length - 1], Gen.Long[1, 150_000], Gen.Long[1, 4_000]).Sample((choice, n, step) =>
        {
            var (node, change) = Choices[choice];
            var a = TryDesign(node, n, change);
            var b = TryDesign(node, n + step, change);
            if (!b.Ok) return true; // beyond the largest tree of this choice
            Assert.True(a.Ok, a.Infeasible);
            var x = a.Design!.Backend;
            var y = b.Design!.Backend;
            return y.Switches >= x.Switches && y.Transceivers >= x.Transceivers && y.CableCount >= x.CableCount
                && y.Links.Sum(l => l.Links) >= x.Links.Sum(l => l.Links)
                && y.Power.Value >= x.Power.Value - 1e-6 && y.Cost.Value >= x.Cost.Value - 1e-6 && y.Tiers >= x.Tiers;
        }, iter: 150);
    }

    [Fact]
    public void Every_link_has_ports_on_both_ends()
    {
        Gen.Select(Gen.Int[0, Choices.Length - 1], Gen.Long[1, 150_000]).Sample((choice, n) =>
        {
            var (node, change) = Choices[choice];
            var o = TryDesign(node, n, change);
            if (!o.Ok) return true;
            var d = o.Design!.Backend;
            // Links into a tier fit its down ports; links out of a tier fit its up ports.
            foreach (var t in d.Counts.Tiers)
            {
                var ports = d.Counts.Shape.Tier(t.Level);
                if (t.DownLinks > t.Switches * ports.Down) return false;
                if (t.Level < d.Tiers && t.DownLinks > 0 && t.UpLinks != t.Switches * ports.Up) return false;
            }
            // Node links: one per NIC port of every node.
            return d.Links[0].Links == d.Nodes * d.Counts.Layout.LinksPerNode;
        }, iter: 150);
    }
}
