using System.Globalization;

namespace Kolosseum.Units;

/// <summary>
/// The rule of a range in the field's own units: "between 1 kW and 100 GW" for a site limit, "between
/// 1 min and 100.0 y" for a duration, not the SI numbers the check compares ("between 1000 and 1e11").
/// </summary>
public static class RangeText
{
    public static string Rule(double min, double max, Dimension dimension)
    {
        bool hasMin = min > double.MinValue && min > long.MinValue;
        bool hasMax = max < double.MaxValue && max < long.MaxValue;
        if (hasMin && hasMax) return $"must be between {Bound(min, dimension)} and {Bound(max, dimension)}";
        if (hasMin) return min == 0 ? "must not be negative" : $"must be at least {Bound(min, dimension)}";
        if (hasMax) return $"must be at most {Bound(max, dimension)}";
        return "is out of range";
    }

    /// <summary>One bound, in the unit a user writes for the dimension.</summary>
    public static string Bound(double si, Dimension dimension) => dimension switch
    {
        Dimension.Bytes => new Bytes(si).ToString(),
        Dimension.BytesPerSecond => new BytesPerSecond(si).ToString(),
        Dimension.Watts => new Watts(si).ToString(),
        Dimension.Duration => new Duration(si).ToString(),
        Dimension.Usd => "$" + Plain(si),
        Dimension.Percent => Plain(si * 100) + " %",
        _ => Plain(si),
    };

    /// <summary>Whole numbers in full up to 2^53 (a seed's bound must not print rounded), others to six decimals or in e-notation.</summary>
    public static string Plain(double v) =>
        v == Math.Floor(v) && Math.Abs(v) <= QuantityParser.MaxExactInteger ? ((long)v).ToString(CultureInfo.InvariantCulture)
        : Math.Abs(v) >= 1e6 ? v.ToString("0.###e0", CultureInfo.InvariantCulture) : v.ToString("0.######", CultureInfo.InvariantCulture);
}
