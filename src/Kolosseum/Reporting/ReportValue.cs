using System.Globalization;
using Kolosseum.Units;

namespace Kolosseum.Reporting;

/// <summary>
/// A table cell: the text shown (already formatted with its unit) and, where the cell is a quantity,
/// the number behind it in SI base units so that comparisons need not parse text.
/// </summary>
public readonly record struct ReportValue(string Text, double? Number)
{
    public static ReportValue Empty => new("", null);

    public bool IsNumeric => Number is { } n && double.IsFinite(n);

    public static ReportValue Of(string text) => new(text, null);
    public static ReportValue Of(Duration value) => new(value.ToString(), value.Seconds);
    public static ReportValue Of(Usd value) => new(value.ToString(), value.Value);
    public static ReportValue Of(Watts value) => new(value.ToString(), value.Value);
    public static ReportValue Of(Joules value) => new(value.ToString(), value.Value);
    public static ReportValue Of(Bytes value) => new(value.ToString(), value.Value);
    public static ReportValue Of(BytesPerSecond value) => new(value.ToString(), value.Value);
    public static ReportValue Of(Flops value) => new(value.ToString(), value.Value);
    public static ReportValue Of(FlopsPerSecond value) => new(value.ToString(), value.Value);

    /// <summary>A plain number, three significant digits: 0.412, 24000 prints as 24000.</summary>
    public static ReportValue Of(double value) => new(UnitFormat.Number(value), value);

    public static ReportValue Count(long value) => new(value.ToString("#,0", CultureInfo.InvariantCulture), value);

    /// <summary>A fraction shown as a percentage: 0.412 prints as 41.2 %.</summary>
    public static ReportValue Percent(double fraction) => new(UnitFormat.Number(fraction * 100) + " %", fraction);

    /// <summary>A calendar date (ISO 8601); its number is the day count so earlier compares lower.</summary>
    public static ReportValue Date(DateOnly date) => new(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), date.DayNumber);

    /// <summary>Text for a number the caller formatted itself, e.g. "54 d (P90 61 d)".</summary>
    public static ReportValue Of(string text, double number) => new(text, number);

    public static implicit operator ReportValue(string text) => new(text, null);
}
