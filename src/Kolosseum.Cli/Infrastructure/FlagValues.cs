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
            Diagnostics.Error(q.ErrorCode!, SourceLocation.ForFlag(flag), flag, text, q.Error!, Sensible(q.Suggestion, dimension, min, max));
            return null;
        }
        if (q.Value < min || q.Value > max)
        {
            Diagnostics.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag(flag), flag, text, RangeText.Rule(min, max, dimension));
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
            Diagnostics.Error(q.ErrorCode!, SourceLocation.ForFlag(flag), flag, text, q.Error!, Sensible(q.Suggestion, Dimension.Count, min, max));
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

    private static string Range(double min, double max) => RangeText.Rule(min, max, Dimension.Count);

    /// <summary>
    /// A "did you mean" whose value the flag would refuse anyway ("8 B", eight billion, for a GPU count) is
    /// no help: the flag's range is said instead.
    /// </summary>
    private static string? Sensible(string? suggestion, Dimension dimension, double min, double max)
    {
        const string prefix = "did you mean '";
        int at = suggestion?.IndexOf(prefix, StringComparison.Ordinal) ?? -1;
        if (suggestion is null || at < 0 || !suggestion.EndsWith("'?", StringComparison.Ordinal)) return suggestion;
        var again = QuantityParser.Parse(suggestion[(at + prefix.Length)..^2], dimension);
        return !again.Ok || (again.Value >= min && again.Value <= max) ? suggestion : "the flag " + RangeText.Rule(min, max, dimension);
    }
}
