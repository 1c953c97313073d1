using System.Globalization;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Reliability;
using Kolosseum.Units;

namespace Kolosseum.Cli.Commands;

/// <summary>The raw text of every flag of <c>kolosseum reliability</c>, before validation.</summary>
internal sealed record ReliabilityFlags
{
    public string? Scenario { get; init; }
    public string? Option { get; init; }
    public string? Gpu { get; init; }
    public string? Gpus { get; init; }
    public string? Node { get; init; }
    public string? Model { get; init; }
    public string? Days { get; init; }
    public string? StepTime { get; init; }
    public string? Tokens { get; init; }
    public string? GlobalBatch { get; init; }
    public string? Seq { get; init; }
    public string? Mfu { get; init; }
    public string? CheckpointSize { get; init; }
    public string? CheckpointInterval { get; init; }
    public string? CheckpointMode { get; init; }
    public string? Storage { get; init; }
    public string? StorageUnits { get; init; }
    public string? Spares { get; init; }
    public string? WhenSparesRunOut { get; init; }
    public string? FailureRates { get; init; }
    public string? Distribution { get; init; }
    public string? Profile { get; init; }
    public string? Stragglers { get; init; }
    public string? Window { get; init; }
    public string? Trials { get; init; }
    public string? Seed { get; init; }
    public string? Threads { get; init; }
    public string? TimelineEvents { get; init; }
    public bool WhatIf { get; init; }
    public bool Json { get; init; }

    /// <summary>True when the job comes from flags alone (no scenario file, --gpu or --gpus given).</summary>
    public bool FromFlags => Scenario is null && (Gpu is not null || Gpus is not null);
}

/// <summary>Flag readers specific to this command, each reporting problems located at the flag.</summary>
internal static class ReliabilityFlagValues
{
    /// <summary>A bare number is a count of days ("54"); a duration with a unit also works ("54 d", "1296 h").</summary>
    public static Duration? Days(FlagValues f, string flag, string? text, double maxDays)
    {
        if (text is null) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d))
        {
            if (!double.IsFinite(d))
            {
                f.Diagnostics.Error(DiagnosticCodes.NotFinite, SourceLocation.ForFlag(flag), flag, text, "must be a finite number");
                return null;
            }
            // At least a second, as with a unit: "1e-320" days is positive but no run at all.
            if (d * Duration.SecondsPerDay < 1 || d > maxDays)
            {
                f.Diagnostics.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag(flag), flag, text, $"must be above 0 (at least a second) and at most {maxDays.Inv()} d");
                return null;
            }
            return Duration.FromDays(d);
        }
        double? s = f.Quantity(flag, text, Dimension.Duration, 1, maxDays * Duration.SecondsPerDay);
        return s is null ? null : new Duration(s.Value);
    }

    /// <summary>A percentage: "5", "5%" or "5 %".</summary>
    public static double? Percent(FlagValues f, string flag, string? text, double max, double min = 0)
    {
        if (text is null) return null;
        string t = text.Trim();
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) t += " %";
        else if (t.EndsWith('%') && !t.EndsWith(" %", StringComparison.Ordinal)) t = t[..^1] + " %";
        return f.Quantity(flag, t, Dimension.Percent, min, max);
    }

    /// <summary>"auto", or a value read by <paramref name="read"/>. Returns false when invalid (reported).</summary>
    public static bool AutoOr<T>(string? text, Func<T?> read, out T? value, out bool given) where T : struct
    {
        value = null;
        given = text is not null;
        if (text is null || text == "auto") return true;
        value = read();
        return value is not null;
    }

    public static bool? Switch(FlagValues f, string flag, string? text)
    {
        switch (text)
        {
            case null: return null;
            case "on" or "true" or "yes": return true;
            case "off" or "false" or "no": return false;
            default:
                f.Diagnostics.Error(DiagnosticCodes.WrongType, SourceLocation.ForFlag(flag), flag, text, "expected on or off", "write on or off");
                return null;
        }
    }

    /// <summary>Comma-separated rate-set names, each checked against the catalog.</summary>
    public static IReadOnlyList<string>? RateSets(FlagValues f, string flag, string? text, Catalog.Catalog catalog)
    {
        if (text is null) return null;
        var known = catalog.All<FailureRate>().Select(r => r.RateSet).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var names = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        bool ok = names.Length > 0;
        if (names.Length == 0) f.Diagnostics.Error(DiagnosticCodes.MissingField, SourceLocation.ForFlag(flag), flag, text, "needs at least one rate set", "known: " + string.Join(", ", known));
        foreach (var n in names.Where(n => !known.Contains(n, StringComparer.Ordinal)))
        {
            f.Diagnostics.Error(DiagnosticCodes.UnknownId, SourceLocation.ForFlag(flag), flag, n, "unknown failure-rate set", Suggest.DidYouMean(n, known));
            ok = false;
        }
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Length)
        {
            f.Diagnostics.Error(DiagnosticCodes.DuplicateKey, SourceLocation.ForFlag(flag), flag, text, "a rate set is named twice", "name each set once");
            ok = false;
        }
        return ok ? names : null;
    }
}
