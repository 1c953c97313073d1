using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Units;

namespace Kolosseum.Cli.Commands;

/// <summary>Flag values shared by the power and cost commands.</summary>
internal static class PowerFlags
{
    /// <summary>
    /// <c>--days</c>: wall-clock days to train, one value for every option or one per option ("30" or "30 d";
    /// "24,96" for two options). Null when the flag is absent.
    /// </summary>
    public static IReadOnlyList<Duration>? Days(FlagValues flags, string? text, int options)
    {
        if (text is null) return null;
        // "1,000" is a thousand written with a separator, not the two options' 1 and 000 days.
        if (System.Text.RegularExpressions.Regex.IsMatch(text.Trim(), @"^\d{1,3}(,\d{3})+$")
            && (options != text.Split(',').Length || text.Split(',').Skip(1).Any(p => p.StartsWith('0'))))
        {
            flags.Diagnostics.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag("--days"), "--days", text,
                "commas separate one value per option; numbers take no thousands separators", QuantityParser.CommaSuggestion(text.Trim(), "d"));
            return null;
        }
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var result = new List<Duration>();
        foreach (var part in parts)
        {
            string withUnit = IsBareNumber(part) ? part + " d" : part;
            double? seconds = flags.Quantity("--days", withUnit, Dimension.Duration, min: 60, max: 100 * Duration.SecondsPerYear);
            if (seconds is null) return null;
            result.Add(new Duration(seconds.Value));
        }
        if (result.Count != 1 && result.Count != options)
        {
            flags.Diagnostics.Error(DiagnosticCodes.Inconsistent, SourceLocation.ForFlag("--days"), "--days", text,
                $"give one value for every option or one per option ({options.Inv()} options)", "e.g. --days 30 or --days 96,24");
            return null;
        }
        return result;
    }

    /// <summary><c>--site-mw</c>: a grid connection in MW ("150") or with a unit ("150 MW", "0.3 GW").</summary>
    public static Watts? SiteLimit(FlagValues flags, string? text)
    {
        if (text is null) return null;
        string withUnit = IsBareNumber(text) ? text + " MW" : text;
        double? w = flags.Quantity("--site-mw", withUnit, Dimension.Watts, min: 1e3, max: 1e11);
        return w is null ? null : new Watts(w.Value);
    }

    private static bool IsBareNumber(string s) =>
        double.TryParse(s.Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && double.IsFinite(v);
}
