using System.Globalization;

namespace Kolosseum.Units;

/// <summary>Invariant, human-readable formatting shared by all quantity types.</summary>
public static class UnitFormat
{
    private static readonly (double Factor, string Prefix)[] DecimalPrefixes =
    [
        (1e24, "Y"), (1e21, "Z"), (1e18, "E"), (1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""),
        (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"),
    ];

    private static readonly (double Factor, string Prefix)[] BinaryPrefixes =
    [
        (1L << 60, "Ei"), (1L << 50, "Pi"), (1L << 40, "Ti"), (1L << 30, "Gi"), (1L << 20, "Mi"), (1L << 10, "Ki"), (1, ""),
    ];

    /// <summary>
    /// A signed change in percent with one decimal: "+4.2 %", "-0.3 %", "0.0 %". Rounded before the sign is
    /// chosen, so a tiny or negative-zero change never prints as "-0.0 %" or, through a custom format's
    /// sections, "-+0.0 %".
    /// </summary>
    public static string SignedPercent(double fraction)
    {
        if (!double.IsFinite(fraction)) return Number(fraction * 100) + " %";
        double percent = Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero);
        if (percent == 0) return "0.0 %";
        return (percent > 0 ? "+" : "") + percent.ToString("0.0", CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>Three significant digits, trailing zeros dropped: 12.4, 143, 0.0781.</summary>
    public static string Number(double value, int significant = 3)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "-∞";
        if (value == 0) return "0";
        double magnitude = Math.Floor(Math.Log10(Math.Abs(value)));
        int decimals = Math.Max(0, significant - 1 - (int)magnitude);
        decimals = Math.Min(decimals, 12);
        double rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (Math.Abs(rounded) >= 1e15) return value.ToString("0.##e0", CultureInfo.InvariantCulture);
        return rounded.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>A number with a decimal SI prefix chosen so the mantissa lies in [1, 1000).</summary>
    public static string Decimal(double value, string unit, int significant = 3)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value)) return Number(value) + " " + unit;
        double abs = Math.Abs(value);
        foreach (var (factor, prefix) in DecimalPrefixes)
        {
            if (abs >= factor * 0.9995)
                return Number(value / factor, significant) + " " + prefix + unit;
        }
        return value.ToString("0.###e0", CultureInfo.InvariantCulture) + " " + unit;
    }

    /// <summary>A number with a binary prefix (KiB, MiB, GiB...): used for memory sizes.</summary>
    public static string Binary(double value, string unit, int significant = 3)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value)) return Number(value) + " " + unit;
        double abs = Math.Abs(value);
        foreach (var (factor, prefix) in BinaryPrefixes)
        {
            if (abs >= factor * 0.9995)
                return Number(value / factor, significant) + " " + prefix + unit;
        }
        return Number(value, significant) + " " + unit;
    }
}
