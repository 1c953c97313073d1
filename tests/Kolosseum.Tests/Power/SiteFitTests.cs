using CsCheck;
using Kolosseum.Power;
using Kolosseum.Units;
using static Kolosseum.Tests.Power.PowerFixture;

namespace Kolosseum.Tests.Power;

public class SiteFitTests
{
    private static readonly StepPhases Phases = new(0.6, 0.4, 0);

    [Fact]
    public void Largest_cluster_fits_and_one_more_node_does_not()
    {
        Gen.Double[1, 500].Sample(mw =>
        {
            var limit = Watts.FromMegawatts(mw);
            var fit = SiteFit.Check(H100Cluster(100_000), 1.2, Phases, limit);
            if (fit.LargestGpus > 0) Assert.True(ClusterPower.Compute(H100Cluster(fit.LargestGpus), 1.2, Phases).FacilityCapacity <= limit);
            Assert.True(ClusterPower.Compute(H100Cluster(fit.LargestGpus + 8), 1.2, Phases).FacilityCapacity > limit);
            Assert.Equal(fit.FacilityCapacity <= limit, fit.Fits);
        });
    }

    [Fact]
    public void Largest_cluster_grows_with_the_site_limit()
    {
        Gen.Double[1, 400].Select(Gen.Double[0, 200]).Sample((mw, more) =>
        {
            var a = SiteFit.Check(H100Cluster(8), 1.2, Phases, Watts.FromMegawatts(mw));
            var b = SiteFit.Check(H100Cluster(8), 1.2, Phases, Watts.FromMegawatts(mw + more));
            Assert.True(b.LargestGpus >= a.LargestGpus);
        });
    }

    /// <summary>The Memphis site got 150 MW from the grid (docs/sources.md C3.1): 100k H100 at PUE 1.2 need ~168 MW of nameplate.</summary>
    [Fact]
    public void Hundred_thousand_H100_do_not_fit_150_MW_at_nameplate()
    {
        var fit = SiteFit.Check(H100Cluster(100_000), 1.2, Phases, Watts.FromMegawatts(150));
        Assert.False(fit.Fits);
        Assert.InRange(fit.LargestGpus, 80_000, 100_000);
    }
}
