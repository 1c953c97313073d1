using System.Globalization;

namespace Kolosseum.Reporting.Charts;

/// <summary>
/// One axis worked out for drawing: the display unit chosen for the whole axis (MW, d, $B), the nice
/// ticks in that unit, and the mapping of a raw SI value to a position between 0 and 1.
/// Ticks are nice in the display unit (0, 20, 40, 60, 80 GiB), not in bytes.
/// </summary>
public sealed class AxisScale
{
    private readonly double _lo;
    private readonly double _hi;

    private AxisScale(AxisSpec spec, AxisDisplayUnit unit, IReadOnlyList<double> ticks)
    {
        Spec = spec;
        Unit = unit;
        Ticks = ticks;
        bool log = spec.Scale == AxisScaleKind.Log;
        _lo = log ? Math.Log10(ticks[0]) : ticks[0];
        _hi = log ? Math.Log10(ticks[^1]) : ticks[^1];
    }

    public AxisSpec Spec { get; }
    public AxisDisplayUnit Unit { get; }

    /// <summary>Tick values in display units, ascending; the first and last bound the axis.</summary>
    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Whether a raw value can be placed on this axis (finite, in range, positive on a log axis).</summary>
    public static bool CanShow(AxisSpec spec, double raw) =>
        Math.Abs(raw) <= NiceTicks.MaxMagnitude && (spec.Scale != AxisScaleKind.Log || raw > 0);

    /// <summary>
    /// An axis over the given raw values; those that <see cref="CanShow"/> rejects are ignored.
    /// Returns null when no value can be shown, so the caller can say so instead of drawing nothing.
    /// </summary>
    public static AxisScale? Create(AxisSpec spec, IEnumerable<double> rawValues, int targetTicks = 5, bool includeZero = false)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in rawValues)
        {
            if (!CanShow(spec, v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max) return null;
        bool log = spec.Scale == AxisScaleKind.Log;
        if (!log && (includeZero || spec.IncludeZero))
        {
            min = Math.Min(min, 0);
            max = Math.Max(max, 0);
        }

        var unit = AxisDisplayUnit.For(spec.Unit, Math.Max(Math.Abs(min), Math.Abs(max)));
        double lo = min / unit.Factor, hi = max / unit.Factor;
        var ticks = log ? NiceTicks.Log(lo, hi) : NiceTicks.Linear(lo, hi, targetTicks);
        return new AxisScale(spec, unit, ticks);
    }

    /// <summary>Where a raw SI value lies along the axis: 0 at the first tick, 1 at the last.</summary>
    public double Fraction(double raw) => DisplayFraction(raw / Unit.Factor);

    /// <summary>
    /// Where a tick (in display units) lies along the axis. Placed in display units directly: a round trip
    /// through SI (tick × factor / factor) can move a tick by an ulp, which on a 1 W axis at 60 MW is 1e-8 of
    /// the axis, and the end ticks would no longer sit exactly at 0 and 1.
    /// </summary>
    public double TickFraction(double tick) => DisplayFraction(tick);

    private double DisplayFraction(double v)
    {
        if (Spec.Scale == AxisScaleKind.Log) v = Math.Log10(v);
        return _hi == _lo ? 0.5 : (v - _lo) / (_hi - _lo);
    }

    /// <summary>The tick's label with unit: "50 MW", "$1.5B", "40 d".</summary>
    public string TickLabel(double tick)
    {
        double magnitude = Spec.Scale == AxisScaleKind.Log ? Math.Abs(tick) : NiceTicks.StepOf(Ticks);
        int decimals = magnitude > 0 ? Math.Clamp(-(int)Math.Floor(Math.Log10(magnitude) + 1e-9), 0, 12) : 0;
        return Unit.Label(tick, decimals);
    }
}

/// <summary>The unit an axis prints its ticks in: raw value / Factor, between Prefix and Suffix.</summary>
public sealed record AxisDisplayUnit(double Factor, string Prefix, string Suffix)
{
    /// <summary>The label for zero when it differs: "$0" and "0 GPUs" read better than "$0B" and "0k GPUs".</summary>
    public string? Zero { get; init; }

    private static readonly (double Factor, string Prefix)[] Decimal =
        [(1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n")];

    private static readonly (double Factor, string Prefix)[] Binary =
        [(1L << 60, "Ei"), (1L << 50, "Pi"), (1L << 40, "Ti"), (1L << 30, "Gi"), (1L << 20, "Mi"), (1L << 10, "Ki"), (1, "")];

    private static readonly (double Factor, string Suffix)[] Thousands = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"), (1, "")];

    /// <summary>The display unit for an axis whose largest magnitude is <paramref name="maxAbs"/>.</summary>
    public static AxisDisplayUnit For(AxisUnit unit, double maxAbs)
    {
        string symbol = unit.Symbol;
        switch (unit.Kind)
        {
            case AxisUnitKind.Count:
                var (cf, cs) = Pick(Thousands, maxAbs);
                string noun = symbol.Length > 0 ? " " + symbol : "";
                return new(cf, "", cs + noun) { Zero = "0" + noun };
            case AxisUnitKind.Decimal:
                var (df, dp) = Pick(Decimal, maxAbs);
                return new(df, "", " " + dp + symbol);
            case AxisUnitKind.Binary:
                var (bf, bp) = Pick(Binary, maxAbs);
                return new(bf, "", " " + bp + symbol);
            case AxisUnitKind.Usd:
                var (uf, us) = Pick(Thousands[1..], maxAbs);
                return new(uf, "$", us) { Zero = "$0" };
            case AxisUnitKind.Duration:
                return DurationUnit(maxAbs);
            case AxisUnitKind.Percent:
                return new(0.01, "", " %");
            default:
                return new(1, "", symbol.Length > 0 ? " " + symbol : "");
        }
    }

    /// <summary>"-$1.5B", "50 MW": sign, prefix, the number with the given decimals (trailing zeros dropped), suffix.</summary>
    public string Label(double value, int decimals)
    {
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0 && Zero is not null) return Zero;
        string sign = rounded < 0 ? "-" : "";
        double abs = Math.Abs(rounded);
        string number = abs >= 1e15
            ? abs.ToString("0.##e0", CultureInfo.InvariantCulture)
            : abs.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
        return sign + Prefix + number + Suffix;
    }

    // Same thresholds as Duration.ToString, applied to the axis's largest value.
    private static AxisDisplayUnit DurationUnit(double maxAbs) => maxAbs switch
    {
        0 => new(1, "", " s"),
        < 1e-3 => new(1e-6, "", " µs"),
        < 1 => new(1e-3, "", " ms"),
        < 120 => new(1, "", " s"),
        < 2 * Units.Duration.SecondsPerHour => new(Units.Duration.SecondsPerMinute, "", " min"),
        < 2 * Units.Duration.SecondsPerDay => new(Units.Duration.SecondsPerHour, "", " h"),
        < 2 * Units.Duration.SecondsPerYear => new(Units.Duration.SecondsPerDay, "", " d"),
        _ => new(Units.Duration.SecondsPerYear, "", " y"),
    };

    private static (double Factor, string Text) Pick((double Factor, string Text)[] table, double maxAbs)
    {
        foreach (var entry in table)
            if (maxAbs >= entry.Factor) return entry;
        // Below the smallest prefix, or zero: the unprefixed unit reads best.
        foreach (var entry in table)
            if (entry.Factor == 1) return entry;
        return table[^1];
    }
}
