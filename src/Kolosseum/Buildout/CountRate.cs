using Kolosseum.Diagnostics;
using Kolosseum.Units;

namespace Kolosseum.Buildout;

/// <summary>What a rate counts: GPUs (how vendors and press report volumes) or servers (the unit of installation work).</summary>
public enum RateBasis
{
    Gpus,
    Servers,
}

/// <summary>
/// A delivery or installation rate such as "14.7k GPUs/week" or "2070 servers/week", kept in the
/// basis it was written in and converted to servers per second once the server size is known.
/// </summary>
public readonly record struct CountRate(double PerSecond, RateBasis Basis)
{
    private static readonly Dictionary<string, RateBasis> Nouns = new(StringComparer.Ordinal)
    {
        ["GPUs"] = RateBasis.Gpus, ["GPU"] = RateBasis.Gpus, ["gpus"] = RateBasis.Gpus, ["gpu"] = RateBasis.Gpus,
        ["servers"] = RateBasis.Servers, ["server"] = RateBasis.Servers, ["nodes"] = RateBasis.Servers, ["node"] = RateBasis.Servers,
    };

    private static readonly Dictionary<string, double> Periods = new(StringComparer.Ordinal)
    {
        ["h"] = Duration.SecondsPerHour, ["hour"] = Duration.SecondsPerHour,
        ["d"] = Duration.SecondsPerDay, ["day"] = Duration.SecondsPerDay,
        ["w"] = Duration.SecondsPerWeek, ["week"] = Duration.SecondsPerWeek,
        ["month"] = Duration.SecondsPerYear / 12,
    };

    public const string Example = "14.7k GPUs/week or 2070 servers/week";

    public double PerWeek => PerSecond * Duration.SecondsPerWeek;

    public static CountRate GpusPerWeek(double perWeek) => new(perWeek / Duration.SecondsPerWeek, RateBasis.Gpus);

    public static CountRate ServersPerWeek(double perWeek) => new(perWeek / Duration.SecondsPerWeek, RateBasis.Servers);

    public double ServersPerSecond(int gpusPerServer) => Basis == RateBasis.Servers ? PerSecond : PerSecond / gpusPerServer;

    public string Format(bool withUnit = true)
    {
        string number = PerWeek >= 1e3 ? UnitFormat.Number(PerWeek / 1e3) + "k" : UnitFormat.Number(PerWeek);
        return withUnit ? $"{number} {(Basis == RateBasis.Gpus ? "GPUs" : "servers")}/week" : number;
    }

    public override string ToString() => Format();

    /// <summary>Parses "14.7k GPUs/week"; on failure returns null and an error with a suggestion.</summary>
    public static CountRate? Parse(string text, out string? errorCode, out string? error, out string? suggestion)
    {
        errorCode = null;
        error = null;
        suggestion = null;
        string s = text.Trim();
        int slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            var plain = QuantityParser.Parse(s, Dimension.Count);
            (errorCode, error, suggestion) = plain.Ok
                ? (DiagnosticCodes.MissingUnit, "needs a rate unit: what is counted and per which time", $"write e.g. '{Example}'")
                : (plain.ErrorCode, plain.Error, plain.Suggestion ?? $"write e.g. '{Example}'");
            return null;
        }
        string left = s[..slash].Trim();
        string period = s[(slash + 1)..].Trim();
        int space = left.LastIndexOf(' ');
        string noun = space < 0 ? "" : left[(space + 1)..];
        string number = space < 0 ? left : left[..space].Trim();
        if (!Nouns.TryGetValue(noun, out var basis))
        {
            errorCode = DiagnosticCodes.UnknownUnit;
            error = noun.Length == 0 ? "says per which time but not what is counted" : $"unknown unit '{noun}' for a rate";
            suggestion = Suggest.Closest(noun, [.. Nouns.Keys]) is { } close && noun.Length > 0
                ? $"did you mean '{number} {close}/{period}'?"
                : $"count GPUs or servers, e.g. '{Example}' (racks hold different numbers of servers per design: convert them)";
            return null;
        }
        string periodKey = period.EndsWith('s') && period.Length > 1 ? period[..^1] : period;
        if (!Periods.TryGetValue(periodKey, out double seconds))
        {
            errorCode = DiagnosticCodes.UnknownUnit;
            error = $"unknown time unit '{period}' in a rate";
            string? close = Suggest.Closest(period, ["hour", "day", "week", "month"]);
            suggestion = close is not null ? $"did you mean '{number} {noun}/{close}'?" : "use /hour, /day, /week or /month";
            return null;
        }
        var q = QuantityParser.Parse(number, Dimension.Count);
        if (!q.Ok)
        {
            (errorCode, error, suggestion) = (q.ErrorCode, q.Error, q.Suggestion ?? $"write e.g. '{Example}'");
            return null;
        }
        return new CountRate(q.Value / seconds, basis);
    }
}
