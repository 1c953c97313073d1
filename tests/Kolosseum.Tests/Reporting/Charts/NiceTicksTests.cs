using CsCheck;
using Kolosseum.Reporting.Charts;

namespace Kolosseum.Tests.Reporting.Charts;

public class NiceTicksTests
{
    [Fact]
    public void Closed_examples_land_on_round_values()
    {
        Assert.Equal([0, 50, 100, 150], NiceTicks.Linear(0, 143));
        // Exact decimal doubles: 0.6 is the literal 0.6, never 0.6000000000000001.
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1], NiceTicks.Linear(0, 1));
        Assert.Equal([0.86, 0.88, 0.9, 0.92, 0.94], NiceTicks.Linear(0.861, 0.939, 4));
        Assert.Equal([-4, -2, 0, 2, 4, 6, 8], NiceTicks.Linear(-3, 7));
    }

    [Fact]
    public void A_single_value_gets_a_range_around_it()
    {
        var around = NiceTicks.Linear(42, 42);
        Assert.True(around[0] < 42 && around[^1] > 42);
        var zero = NiceTicks.Linear(0, 0);
        Assert.True(zero[0] < 0 && zero[^1] > 0);
        var spread = NiceTicks.Linear(582587538467.6694, 582587538467.6694 + 0.25);
        Assert.True(spread[0] < 582587538467.6694 && spread[^1] > 582587538467.9194);
    }

    [Fact]
    public void Linear_ticks_enclose_tightly_are_evenly_spaced_and_nice() =>
        Gen.Select(Gen.Double[-1e12, 1e12], Gen.Double[1e-6, 1e12], Gen.Int[2, 12]).Sample((min, span, target) =>
        {
            double max = min + span;
            // Spreads below 1e-12 of the magnitude are treated as one value (A_single_value_gets_a_range_around_it).
            if (span <= Math.Max(Math.Abs(min), Math.Abs(max)) * 1e-11) return true;
            var ticks = NiceTicks.Linear(min, max, target);
            double step = NiceTicks.StepOf(ticks);
            double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            // A step read back from large ticks carries their rounding (1e-16 relative to the tick).
            double tolerance = 1e-6 + 1e-14 * Math.Abs(ticks[0]) / step;
            bool nice = new[] { 1.0, 2.0, 5.0, 10.0 }.Any(m => Math.Abs(mantissa - m) < tolerance);
            bool even = ticks.Zip(ticks.Skip(1)).All(p => Math.Abs(p.Second - p.First - step) <= 1e-9 * Math.Max(step, Math.Abs(p.First)));
            bool encloses = ticks[0] <= min && ticks[^1] >= max;
            bool tight = ticks[0] > min - step * (1 + 1e-9) && ticks[^1] < max + step * (1 + 1e-9);
            // Nice steps lie at most 2.5x apart, so some candidate gives between target/2.5 and
            // target+2 intervals; the nearest to the target is then within 0.6·target (or 2) of it.
            int intervals = ticks.Count - 1;
            bool bounded = intervals >= 1 && Math.Abs(intervals - target) <= Math.Max(2, 0.6 * target) + 1e-9;
            bool zero = !(min < 0 && max > 0) || ticks.Contains(0);
            return nice && even && encloses && tight && bounded && zero;
        });

    [Fact]
    public void Log_ticks_use_decades_and_fill_in_2_and_5_over_short_ranges()
    {
        Assert.Equal([2000, 5000, 10000, 20000, 50000, 100000], NiceTicks.Log(4000, 100000));
        Assert.Equal([1, 10, 100, 1000, 1e4, 1e5, 1e6], NiceTicks.Log(1, 1e6));
        Assert.Equal([1, 2, 5, 10], NiceTicks.Log(1, 10));
    }

    [Fact]
    public void Extreme_ranges_stay_bounded()
    {
        Assert.InRange(NiceTicks.Log(1e-300, 1e300).Count, 2, NiceTicks.MaxTicks);
        Assert.InRange(NiceTicks.Linear(-1e300, 1e300, 500).Count, 2, NiceTicks.MaxTicks);
        var tiny = NiceTicks.Linear(1, 1 + 1e-13);
        Assert.True(tiny[0] <= 1 && tiny[^1] >= 1 + 1e-13 && tiny.All(double.IsFinite));
        Assert.True(NiceTicks.Linear(0, 1e-320).All(double.IsFinite));
    }

    [Fact]
    public void Non_finite_or_non_positive_ranges_are_refused()
    {
        Assert.Throws<ArgumentException>(() => NiceTicks.Linear(double.NaN, 1));
        Assert.Throws<ArgumentException>(() => NiceTicks.Linear(0, double.PositiveInfinity));
        Assert.Throws<ArgumentException>(() => NiceTicks.Log(0, 10));
        Assert.Throws<ArgumentException>(() => NiceTicks.Log(-1, 10));
    }
}
