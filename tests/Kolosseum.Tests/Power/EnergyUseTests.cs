using CsCheck;
using Kolosseum.Economics;
using Kolosseum.Power;
using Kolosseum.Units;
using static Kolosseum.Tests.Power.PowerFixture;

namespace Kolosseum.Tests.Power;

public class EnergyUseTests
{
    private static readonly EnergyPrice Price = EnergyPrice.FromUsdPerKilowattHour(0.078);
    private static readonly CarbonIntensity Grid = new(367);

    /// <summary>Energy = power x time, summed phase by phase and written out independently of the model's own sum.</summary>
    [Fact]
    public void Run_energy_is_power_times_time_in_each_state()
    {
        var power = ClusterPower.Compute(H100Cluster(24_000), 1.25, new StepPhases(0.55, 0.45, 0));
        var run = Run(Duration.FromDays(40), ettr: 0.8);
        var e = EnergyUse.ForRun(power, run, Price, Grid);
        var t = run.Split();
        double expected = power.It(PowerState.Compute).Value * 0.55 * (t.Productive + t.Rework).Seconds
            + power.It(PowerState.Communication).Value * 0.45 * (t.Productive + t.Rework).Seconds
            + power.It(PowerState.Stalled).Value * (t.Checkpointing + t.Restart).Seconds;
        Assert.Equal(expected, e.It.Value, 1e-9 * expected);
        Assert.Equal(e.It.Value * 1.25, e.Facility.Value, 1e-9 * e.Facility.Value);
        Assert.Equal(e.Facility.KilowattHours * 0.078, e.Cost.Value, 1e-9 * e.Cost.Value);
        Assert.Equal(e.Facility.KilowattHours * 367, e.Carbon.Grams, 1e-9 * e.Carbon.Grams);
        Assert.Equal(e.AverageIt.Value * run.WallClock.Seconds, e.It.Value, 1e-9 * e.It.Value);
    }

    /// <summary>
    /// SemiAnalysis' yearly figure: ~150 MW IT x PUE ~1.2 x 8,760 h at $0.078/kWh is "$123.9 million" for "1.59 TWh"
    /// (docs/sources.md C1.1, C5). A cluster drawing a constant 150 MW at PUE 1.2 all year reproduces the identity
    /// (tolerance 1%: SemiAnalysis rounds the PUE and uses 8,760 h, this model 8,766 h).
    /// </summary>
    [Fact]
    public void A_flat_150_MW_year_reproduces_the_published_energy_and_cost()
    {
        var flat = new PowerProfile
        {
            Components = [PowerComponent.Constant("flat", 1, Watts.FromMegawatts(150))],
            Pue = 1.2, Phases = new StepPhases(1, 0, 0), Notes = [],
        };
        var year = EnergyUse.PerYear(flat, Watts.FromMegawatts(150), 1, Price, Grid);
        Assert.Equal(1.59e9, year.Facility.KilowattHours, 0.01 * 1.59e9);
        Assert.Equal(123.9e6, year.Cost.Value, 0.01 * 123.9e6);
    }

    [Fact]
    public void Run_energy_and_its_cost_scale_linearly_with_days()
    {
        var power = ClusterPower.Compute(H100Cluster(100_000), 1.2, new StepPhases(0.6, 0.4, 0));
        Gen.Double[1, 400].Select(Gen.Double[1.1, 5]).Sample((days, k) =>
        {
            var a = EnergyUse.ForRun(power, Run(Duration.FromDays(days)), Price, Grid);
            var b = EnergyUse.ForRun(power, Run(Duration.FromDays(days * k)), Price, Grid);
            Assert.Equal(a.Facility.Value * k, b.Facility.Value, 1e-9 * b.Facility.Value);
            Assert.Equal(a.Cost.Value * k, b.Cost.Value, 1e-9 * b.Cost.Value);
        });
    }

    [Fact]
    public void Yearly_energy_grows_with_utilisation_between_idle_and_busy()
    {
        var power = ClusterPower.Compute(H100Cluster(100_000), 1.2, new StepPhases(0.6, 0.4, 0));
        var busy = EnergyUse.AverageIt(power, Run(Duration.FromDays(10)));
        var idle = EnergyUse.PerYear(power, busy, 0, Price, Grid);
        var full = EnergyUse.PerYear(power, busy, 1, Price, Grid);
        Assert.Equal(power.Facility(PowerState.Idle).Value, idle.AverageFacility.Value, 1e-6);
        Assert.Equal(busy.Value * 1.2, full.AverageFacility.Value, 1e-6);
        Gen.Double[0, 1].Select(Gen.Double[0, 1]).Sample((u1, u2) =>
        {
            var (lo, hi) = u1 <= u2 ? (u1, u2) : (u2, u1);
            Assert.True(EnergyUse.PerYear(power, busy, hi, Price, Grid).Facility >= EnergyUse.PerYear(power, busy, lo, Price, Grid).Facility);
        });
    }

    [Fact]
    public void Lost_time_splits_into_checkpoints_rework_and_restarts_that_sum_to_the_wall_clock()
    {
        Gen.Double[0.05, 1].Select(Gen.Double[1, 200], Gen.Double[10, 3600], Gen.Double[0, 3600]).Sample((ettr, days, interval, restart) =>
        {
            var run = new RunProfile(new StepPhases(0.6, 0.4, 0), Duration.FromSeconds(2), Duration.FromDays(days), ettr,
                Duration.FromSeconds(interval), Duration.FromSeconds(Math.Min(5, interval / 4)), Duration.FromSeconds(restart));
            var s = run.Split();
            Assert.Equal(run.WallClock.Seconds, s.WallClock.Seconds, 1e-6 * run.WallClock.Seconds);
            Assert.True(s.Checkpointing.Seconds >= 0 && s.Rework.Seconds >= 0 && s.Restart.Seconds >= -1e-6);
            if (s.Restart.Seconds > 1e-3) Assert.Equal(interval / 2 / restart, s.Rework / s.Restart, 1e-6 * (interval / 2 / restart));
        });
    }
}
