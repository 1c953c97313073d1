using Kolosseum.Units;

namespace Kolosseum.Reporting.Charts;

/// <summary>One value with its unit, as the unit types print it: bar totals, tooltips, marker labels.</summary>
public static class ValueFormat
{
    public static string Format(AxisUnit unit, double raw) => unit.Kind switch
    {
        AxisUnitKind.Count => CountText(raw, unit.Symbol),
        AxisUnitKind.Decimal => UnitFormat.Decimal(raw, unit.Symbol),
        AxisUnitKind.Binary => UnitFormat.Binary(raw, unit.Symbol),
        AxisUnitKind.Usd => new Usd(raw).ToString(),
        AxisUnitKind.Duration => new Duration(raw).ToString(),
        AxisUnitKind.Percent => UnitFormat.Number(raw * 100) + " %",
        _ => UnitFormat.Number(raw) + (unit.Symbol.Length > 0 ? " " + unit.Symbol : ""),
    };

    private static string CountText(double raw, string symbol)
    {
        var unit = AxisDisplayUnit.For(new AxisUnit(AxisUnitKind.Count, symbol), Math.Abs(raw));
        string sign = raw < 0 ? "-" : "";
        return sign + UnitFormat.Number(Math.Abs(raw) / unit.Factor) + unit.Suffix;
    }
}
