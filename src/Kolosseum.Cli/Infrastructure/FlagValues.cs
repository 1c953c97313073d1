using Kolosseum.Diagnostics;
using Kolosseum.Units;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>
/// Reads flag values with the same rules as scenario fields: explicit units, finite numbers, sensible
/// ranges. Each problem becomes a diagnostic located at the flag (<c>--gpus</c>).
/// </summary>
public sealed class FlagValues(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    public double? Quantity(string flag, string? text, Dimension dimension, double min = double.MinValue, double max = double.MaxValue)
    {
        if (text is null) return null;
        var q = QuantityParser.Parse(text, dimension);
        if (!q.Ok)
        {
            Diagnostics.Error(q.ErrorCode!, SourceLocation.ForFlag(flag), flag, text, q.Error!, q.Suggestion);
            return null;
        }
        if (q.Value < min || q.Value > max)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag(flag), flag, text, Range(min, max));
            return null;
        }
        if (Math.Abs(q.Value) > QuantityParser.MaxMagnitude)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag(flag), flag, text, QuantityParser.MagnitudeRule);
            return null;
        }
        return q.Value;
    }

    public long? Integer(string flag, string? text, long min, long max)
    {
        if (text is null) return null;
        var q = QuantityParser.Parse(text, Dimension.Count);
        if (!q.Ok)
        {
            Diagnostics.Error(q.ErrorCode!, SourceLocation.ForFlag(flag), flag, text, q.Error!, q.Suggestion);
            return null;
        }
        if (QuantityParser.WholeNumber(q.Value) is not { } whole)
        {
            Diagnostics.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag(flag), flag, text, "must be a whole number");
            return null;
        }
        if (whole < min || whole > max || !QuantityParser.FitsLong(whole))
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag(flag), flag, text, Range(min, max));
            return null;
        }
        return (long)whole;
    }

    public int? Int(string flag, string? text, int min, int max) => Integer(flag, text, min, max) is { } v ? (int)v : null;

    public TEnum? Enum<TEnum>(string flag, string? text) where TEnum : struct, System.Enum
    {
        if (text is null) return null;
        if (Yaml.EnumNames<TEnum>.TryParse(text, out var value)) return value;
        Diagnostics.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag(flag), flag, text,
            $"is not one of {string.Join(", ", Yaml.EnumNames<TEnum>.Names)}", Suggest.DidYouMean(text, Yaml.EnumNames<TEnum>.Names));
        return null;
    }

    private static string Range(double min, double max)
    {
        bool hasMin = min > long.MinValue && min > double.MinValue;
        bool hasMax = max < long.MaxValue && max < double.MaxValue;
        if (hasMin && hasMax) return $"must be between {F(min)} and {F(max)}";
        if (hasMin) return min == 0 ? "must not be negative" : $"must be at least {F(min)}";
        return hasMax ? $"must be at most {F(max)}" : "is out of range";
    }

    /// <summary>Whole bounds in full (a seed's 9007199254740991 must not print rounded), others to six decimals.</summary>
    private static string F(double v) =>
        v == Math.Floor(v) && Math.Abs(v) <= QuantityParser.MaxExactInteger ? ((long)v).Inv() : v.Inv("0.######");
}
