using Kolosseum.Fabric;
using static Kolosseum.Tests.Fabric.FabricTestKit;

namespace Kolosseum.Tests.Fabric;

/// <summary>
/// NVIDIA DGX SuperPOD reference architecture for DGX H100 (RA-11333-001 V11), compute fabric:
/// QM9700 64 x 400G, rail-optimised full fat tree, 8 NDR links per DGX (docs/sources.md C2.3-C2.5).
/// Counts are exact: the design rules are the RA's, so no tolerance is needed.
/// </summary>
public class SuperPodReferenceTests
{
    // Table 4 (1-4 SU; one DGX per SU removed for UFM, so 31/63/95/127 nodes). The cable column there
    // adds 4 UFM links to the compute links; the designer does not place UFM appliances.
    [Theory]
    [InlineData(31, 8, 4, 248, 256)]
    [InlineData(63, 16, 8, 504, 512)]
    [InlineData(95, 24, 16, 760, 768)]
    [InlineData(127, 32, 16, 1016, 1024)]
    public void Table4_one_to_four_scalable_units(int nodes, long leaves, long spines, long nodeLeaf, long leafSpine)
    {
        var b = Design("dgx-h100", nodes * 8L).Backend;
        Assert.Equal(2, b.Tiers);
        Assert.Equal(leaves, Tier(b, 1));
        Assert.Equal(spines, Tier(b, 2));
        Assert.Equal(nodeLeaf, Link(b, "node-leaf").Links);
        Assert.Equal(leafSpine, Link(b, "leaf-spine").Links);
    }

    // Table 3: 4 and 8 SU are two tiers; from 16 SU a core tier appears (leaf = N/32, spine = N/32, core = N/64).
    [Theory]
    [InlineData(4, 32, 16, 0)]
    [InlineData(8, 64, 32, 0)]
    [InlineData(16, 128, 128, 64)]
    [InlineData(32, 256, 256, 128)]
    [InlineData(64, 512, 512, 256)]
    public void Table3_larger_superpods(int su, long leaves, long spines, long cores)
    {
        long gpus = su * 256L;
        var b = Design("dgx-h100", gpus).Backend;
        Assert.Equal(cores == 0 ? 2 : 3, b.Tiers);
        Assert.Equal(leaves, Tier(b, 1));
        Assert.Equal(spines, Tier(b, 2));
        if (cores > 0) Assert.Equal(cores, Tier(b, 3));
        // Every tier carries one link per GPU: node-leaf, leaf-spine (and spine-core) cables all equal N.
        Assert.All(b.Links, l => Assert.Equal(gpus, l.Links));
    }

    // Appendix A (Tables 7-8), 4 SU / 127 nodes: 48 QM9700, 2,040 NDR cables, 1,536 switch-side twin-port
    // OSFP transceivers ((32 + 16) x 32 cages) and 508 node-side (127 x 4), all multimode.
    [Fact]
    public void Four_su_bill_of_materials()
    {
        var b = Design("dgx-h100", 1016).Backend;
        Assert.Equal(48, b.Switches);
        Assert.Equal(2040, b.Links.Sum(l => l.Cables));
        long switchSide = b.Links.Sum(l => l.UpperOptics) + b.Links.Where(l => l.LowerTier > 0).Sum(l => l.LowerOptics);
        long nodeSide = b.Links.Where(l => l.LowerTier == 0).Sum(l => l.LowerOptics);
        Assert.Equal(1536, switchSide);
        Assert.Equal(508, nodeSide);
        Assert.All(b.Links, l => Assert.Equal(LinkMedium.Multimode, l.Medium));
    }
}
