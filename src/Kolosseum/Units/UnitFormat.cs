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

    /// <summary>
    /// A signed change with three significant digits: "+4.2", "-0.031", "0". The sign is taken from the printed
    /// number, so a change that rounds to zero prints "0", never "+0", "-0" or "-+0".
    /// </summary>
    public static string SignedNumber(double value)
    {
        string number = Number(value);
        return number is "0" or "NaN" || number.StartsWith('-') ? number : "+" + number;
    }

    /// <summary>A whole count with thousands separators, as every command prints counts: 8,192 GPUs, 1,000 trials.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A whole count with its noun, singular for exactly one: "1 day", "20 days", "1,024 GPUs".</summary>
    public static string Count(long value, string singular, string? plural = null) =>
        Count(value) + " " + (value is 1 or -1 ? singular : plural ?? singular + "s");

    /// <summary>
    /// A measured amount with its noun, three significant digits: "1 day", "0.5 days", "157 days". Singular only when
    /// the printed number is one, so that 0.9996 (printed "1") reads "1 day" and 1.04 ("1.04") reads "1.04 days".
    /// </summary>
    public static string Amount(double value, string singular, string? plural = null)
    {
        string number = Number(value);
        return number + " " + (number is "1" or "-1" ? singular : plural ?? singular + "s");
    }

    /// <summary>Days, as every command and the report print them: "1 day", "95 days", "157 days".</summary>
    public static string Days(double days) => Amount(days, "day");

    /// <summary>A share as a percentage with a fixed count of decimals: 0.353 → "35.3 %".</summary>
    public static string Percent(double fraction, int decimals = 1)
    {
        if (!double.IsFinite(fraction)) return "n/a";
        double percent = Math.Round(fraction * 100, decimals, MidpointRounding.AwayFromZero);
        if (percent == 0) percent = 0; // no "-0.0 %"
        return percent.ToString(decimals == 0 ? "0" : "0." + new string('0', decimals), CultureInfo.InvariantCulture) + " %";
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
        if (rounded == 0) return "0"; // a tiny negative rounds to -0, which would print "-0"
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
