using CsCheck;
using Kolosseum.Reporting.Charts;
using Kolosseum.Units;

namespace Kolosseum.Tests.Reporting.Charts;

public class AxisScaleTests
{
    [Theory]
    [InlineData(AxisUnitKind.Binary, "B", 0, 71.0 * 1024 * 1024 * 1024, "0 GiB|20 GiB|40 GiB|60 GiB|80 GiB")]
    [InlineData(AxisUnitKind.Decimal, "W", 0, 143e6, "0 MW|50 MW|100 MW|150 MW")]
    [InlineData(AxisUnitKind.Usd, "", 0, 2.3e9, "$0|$0.5B|$1B|$1.5B|$2B|$2.5B")]
    [InlineData(AxisUnitKind.Usd, "", -0.5e9, 5.4e9, "-$2B|$0|$2B|$4B|$6B")]
    [InlineData(AxisUnitKind.Duration, "", 0, 10.4, "0 s|2 s|4 s|6 s|8 s|10 s|12 s")]
    [InlineData(AxisUnitKind.Duration, "", 0, 49.4 * 86400, "0 d|10 d|20 d|30 d|40 d|50 d")]
    [InlineData(AxisUnitKind.Count, "GPUs", 0, 100000, "0 GPUs|20k GPUs|40k GPUs|60k GPUs|80k GPUs|100k GPUs")]
    public void Ticks_are_nice_in_the_display_unit(AxisUnitKind kind, string symbol, double min, double max, string expected)
    {
        var scale = AxisScale.Create(new AxisSpec("", new AxisUnit(kind, symbol)), [min, max])!;
        Assert.Equal(expected.Split('|'), scale.Ticks.Select(scale.TickLabel));
    }

    [Fact]
    public void Percent_axis_without_zero_spans_the_data_only()
    {
        var scale = AxisScale.Create(new AxisSpec("ETTR", AxisUnit.Percent) { IncludeZero = false }, [0.861, 0.939])!;
        Assert.Equal(["86 %", "88 %", "90 %", "92 %", "94 %"], scale.Ticks.Select(scale.TickLabel));
    }

    [Fact]
    public void Fractions_run_from_0_at_the_first_tick_to_1_at_the_last_and_keep_order() =>
        Gen.Select(Gen.Double[-1e9, 1e9], Gen.Double[1e-3, 1e9]).Sample((a, span) =>
        {
            var spec = new AxisSpec("", AxisUnit.Watts) { IncludeZero = false };
            var scale = AxisScale.Create(spec, [a, a + span])!;
            double f0 = scale.TickFraction(scale.Ticks[0]), f1 = scale.TickFraction(scale.Ticks[^1]);
            double fa = scale.Fraction(a), fb = scale.Fraction(a + span);
            return Math.Abs(f0) < 1e-9 && Math.Abs(f1 - 1) < 1e-9 && fa >= -1e-9 && fb <= 1 + 1e-9 && fa < fb;
        });

    [Fact]
    public void Log_axis_places_decades_evenly()
    {
        var scale = AxisScale.Create(new AxisSpec("GPUs", AxisUnit.Gpus) { Scale = AxisScaleKind.Log }, [1000, 1e6])!;
        double decade = scale.Fraction(1e4) - scale.Fraction(1e3);
        Assert.Equal(decade, scale.Fraction(1e5) - scale.Fraction(1e4), 9);
        Assert.Equal(decade, scale.Fraction(1e6) - scale.Fraction(1e5), 9);
    }

    [Fact]
    public void Values_that_cannot_be_placed_are_ignored_and_none_gives_no_axis()
    {
        var log = new AxisSpec("", AxisUnit.None) { Scale = AxisScaleKind.Log };
        Assert.False(AxisScale.CanShow(log, 0));
        Assert.False(AxisScale.CanShow(log, -5));
        Assert.False(AxisScale.CanShow(new AxisSpec("", AxisUnit.None), double.NaN));
        Assert.False(AxisScale.CanShow(new AxisSpec("", AxisUnit.None), 1e301));
        Assert.Null(AxisScale.Create(log, [0, -1, double.NaN]));
        Assert.Equal([10, 20], AxisScale.Create(log, [0, 10, double.PositiveInfinity])!.Ticks);
    }

    [Fact]
    public void Single_values_format_like_the_unit_types()
    {
        Assert.Equal(new Usd(4.1e9).ToString(), ValueFormat.Format(AxisUnit.Usd, 4.1e9));
        Assert.Equal(new Duration(12.4).ToString(), ValueFormat.Format(AxisUnit.Duration, 12.4));
        Assert.Equal(Bytes.FromGiB(80).ToString(), ValueFormat.Format(AxisUnit.Bytes, Bytes.FromGiB(80).Value));
        Assert.Equal(Watts.FromMegawatts(143).ToString(), ValueFormat.Format(AxisUnit.Watts, 143e6));
        Assert.Equal("24k GPUs", ValueFormat.Format(AxisUnit.Gpus, 24000));
        Assert.Equal("93.1 %", ValueFormat.Format(AxisUnit.Percent, 0.931));
    }
}
