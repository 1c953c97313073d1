using CsCheck;
using Kolosseum.Reliability;
using Kolosseum.Units;

namespace Kolosseum.Tests.Reliability;

public class CheckpointIntervalTests
{
    [Theory]
    // Daly 2006 (FGCS 22(3)), figure captions with a 5 min checkpoint and a 10 min restart: the
    // higher-order optimum is 117 min at M = 24 h, 57 min at M = 6 h and 9.1 min at M = 15 min.
    // The paper prints 2-3 significant digits, so the tolerance is half of the last printed digit.
    [InlineData(24 * 60, 117, 0.5)]
    [InlineData(6 * 60, 57, 0.5)]
    [InlineData(15, 9.1, 0.05)]
    public void Daly_higher_order_optimum_matches_his_published_examples(double mtbiMinutes, double expectedMinutes, double tolerance)
    {
        var tau = CheckpointInterval.Daly(Duration.FromMinutes(5), Duration.FromMinutes(mtbiMinutes));
        Assert.Equal(expectedMinutes, tau.Minutes, tolerance);
    }

    [Theory]
    [InlineData(24 * 60)]
    [InlineData(6 * 60)]
    public void Daly_closed_form_is_close_to_the_exact_optimum_of_his_model_when_checkpoints_are_short(double mtbiMinutes)
    {
        // The perturbation series is accurate to O((δ/M)^2): within 0.5% for δ/M ≤ 1/72.
        var d = Duration.FromMinutes(5);
        var m = Duration.FromMinutes(mtbiMinutes);
        var exact = CheckpointInterval.DalyNumericOptimum(d, m, Duration.FromMinutes(10));
        Assert.Equal(1, CheckpointInterval.Daly(d, m) / exact, 0.005);
    }

    [Theory]
    // Kokolis et al. (arXiv 2410.21680): a 16,000-GPU job filling RSC-1 (2,000 nodes, r_f = 6.5 per
    // 1,000 node-days), 5 min restart, non-blocking writes: E[ETTR] = 0.7 at a 60 min interval and 0.93
    // at 5 min. The paper prints two digits, and the closed form is a first-order approximation: 0.02.
    [InlineData(60, 0.70)]
    [InlineData(5, 0.93)]
    public void First_order_ettr_reproduces_the_rsc1_example(double intervalMinutes, double published)
    {
        var mtbi = Duration.FromDays(1 / (2000 * 6.5e-3));
        double ettr = CheckpointInterval.FirstOrderEttr(Duration.FromMinutes(intervalMinutes), Duration.Zero, mtbi, Duration.FromMinutes(5));
        Assert.Equal(published, ettr, 0.02);
    }

    [Fact]
    public void Young_never_exceeds_the_modified_young_and_both_agree_when_restarts_are_short()
    {
        Gen.Select(Gen.Double[1, 600], Gen.Double[600, 1e6], Gen.Double[0, 3600]).Sample((d, m, r) =>
        {
            var young = CheckpointInterval.Young(new Duration(d), new Duration(m));
            var modified = CheckpointInterval.DalyFirstOrder(new Duration(d), new Duration(m), new Duration(r));
            return young <= modified && Math.Abs(modified / young - Math.Sqrt(1 + r / m)) < 1e-9;
        });
    }

    [Fact]
    public void Daly_ettr_falls_away_from_its_optimum_on_both_sides()
    {
        Gen.Select(Gen.Double[1, 300], Gen.Double[1800, 1e6], Gen.Double[0, 1800]).Sample((d, m, r) =>
        {
            var opt = CheckpointInterval.DalyNumericOptimum(new Duration(d), new Duration(m), new Duration(r));
            double best = CheckpointInterval.DalyEttr(opt, new Duration(d), new Duration(m), new Duration(r));
            return best >= CheckpointInterval.DalyEttr(opt * 1.5, new Duration(d), new Duration(m), new Duration(r))
                && best >= CheckpointInterval.DalyEttr(opt / 1.5, new Duration(d), new Duration(m), new Duration(r))
                && best is > 0 and < 1;
        });
    }
}
