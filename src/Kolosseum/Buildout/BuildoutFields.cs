using System.Globalization;
using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Buildout;

/// <summary>
/// Reads the parts of a build-out (three-point durations and rates, dates, phase lists) with located
/// diagnostics. Shared by the catalog presets and the scenario's <c>buildout:</c> section, so both
/// follow the same rules: explicit units, min ≤ mode ≤ max, nothing negative, nothing NaN.
/// </summary>
internal static class BuildoutFields
{
    public const string ThreePointHint = "write one value (e.g. '12 weeks') or {min: 8 weeks, mode: 12 weeks, max: 52 weeks}";
    private const string DateFormat = "yyyy-MM-dd";
    private static readonly double MaxDurationSeconds = Units.Duration.FromYears(100).Seconds;
    private static readonly DateOnly EarliestDate = new(1990, 1, 1);
    private static readonly DateOnly LatestDate = new(2200, 12, 31);

    /// <summary>A duration, fixed or three-point; <paramref name="source"/> is its own source or the lookup's.</summary>
    public static DurationEstimate? Duration(FieldReader r, string key, bool required, string relPath, SourceLookup sources, string? phaseSource, out string source)
    {
        var points = ThreePoint(r, key, required, relPath, sources, phaseSource, out source, ReadDuration);
        if (points is not { } p) return null;
        return new DurationEstimate(Units.Duration.FromSeconds(p.Min), Units.Duration.FromSeconds(p.Mode), Units.Duration.FromSeconds(p.Max));
    }

    /// <summary>A rate in GPUs or servers per unit of time, fixed or three-point; all three points in one basis.</summary>
    public static RateEstimate? Rate(FieldReader r, string key, bool required, string relPath, SourceLookup sources, out string source)
    {
        var bases = new List<RateBasis>();
        var points = ThreePoint(r, key, required, relPath, sources, null, out source, (node, field, diagnostics) =>
        {
            var rate = ReadRate(node, field, diagnostics);
            if (rate is null) return null;
            bases.Add(rate.Value.Basis);
            return rate.Value.PerSecond;
        });
        if (points is not { } p) return null;
        if (bases.Distinct().Count() > 1)
        {
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Node(key)!.Location, r.FieldPath(key), null,
                "mixes GPUs and servers in one estimate", "count all three points in the same unit");
            return null;
        }
        var basis = bases[0];
        return new RateEstimate(new CountRate(p.Min, basis), new CountRate(p.Mode, basis), new CountRate(p.Max, basis));
    }

    public static DateOnly? Date(FieldReader r, string key, bool required)
    {
        var node = r.Node(key, required);
        if (node is null) return null;
        string field = r.FieldPath(key);
        if (node is not YScalar s)
        {
            r.Diagnostics.Error(DiagnosticCodes.WrongType, node.Location, field, null, $"expected a date, found {node.KindName}", "write e.g. 2024-07-10 (YYYY-MM-DD)");
            return null;
        }
        if (!DateOnly.TryParseExact(s.Value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            r.Diagnostics.Error(DiagnosticCodes.WrongType, s.Location, field, s.Value, "is not a calendar date in the form YYYY-MM-DD", "write e.g. 2024-07-10");
            return null;
        }
        if (date < EarliestDate || date > LatestDate)
        {
            r.Diagnostics.Error(DiagnosticCodes.OutOfRange, s.Location, field, s.Value,
                $"must be between {BuildoutFormat.Date(EarliestDate)} and {BuildoutFormat.Date(LatestDate)}", "check the year");
            return null;
        }
        return date;
    }

    /// <summary>A list of phase names (<c>after: [a, b]</c>, or one name); null when absent or wrong.</summary>
    public static (IReadOnlyList<string> Names, IReadOnlyList<SourceLocation> Locations, SourceLocation At)? Names(FieldReader r, string key)
    {
        var node = r.Node(key);
        if (node is null) return null;
        string field = r.FieldPath(key);
        IReadOnlyList<YNode> items = node switch
        {
            YSequence seq => seq.Items,
            YScalar one => [one],
            _ => [],
        };
        if (node is YMapping)
        {
            r.Diagnostics.Error(DiagnosticCodes.WrongType, node.Location, field, null, "expected a list of phase names, found a mapping", "write e.g. [site_and_permits, building]");
            return null;
        }
        var names = new List<string>();
        var locations = new List<SourceLocation>();
        bool ok = true;
        for (int i = 0; i < items.Count; i++)
        {
            if (items[i] is YScalar s && !string.IsNullOrWhiteSpace(s.Value))
            {
                names.Add(s.Value.Trim());
                locations.Add(s.Location);
                continue;
            }
            r.Diagnostics.Error(DiagnosticCodes.WrongType, items[i].Location, $"{field}[{i.Inv()}]", FieldReader.Describe(items[i]), "expected a phase name");
            ok = false;
        }
        return ok ? (names, locations, node.Location) : null;
    }

    public static OverrunTail? Tail(FieldReader phase)
    {
        var t = phase.Map("tail");
        if (t is null) return null;
        double? p = t.Quantity("probability", Dimension.Percent, required: true, min: 0, max: 1, rangeHint: "a probability between 0 % and 100 %");
        double? alpha = t.Number("alpha", required: true, min: 1e-3, max: 100, rangeHint: "the Pareto shape; Flyvbjerg finds α ≤ 1 for IT projects");
        double? cap = t.Number("max_factor", required: true, min: 1.0001, max: 1000, rangeHint: "the largest overrun factor, e.g. 4 for four times the sampled duration");
        t.Finish();
        return p is null || alpha is null || cap is null ? null : new OverrunTail(p.Value, alpha.Value, cap.Value);
    }

    private delegate double? PointReader(YNode node, string field, DiagnosticBag diagnostics);

    private static (double Min, double Mode, double Max)? ThreePoint(FieldReader r, string key, bool required, string relPath, SourceLookup sources,
        string? phaseSource, out string source, PointReader readOne)
    {
        source = sources.Of(relPath, phaseSource);
        var node = r.Node(key);
        if (node is null)
        {
            if (required) r.Missing(key, ThreePointHint);
            return null;
        }
        string field = r.FieldPath(key);
        var diagnostics = r.Diagnostics;
        // In a scenario the catalog's {value: ..., source: ...} form is read here (the catalog loader unwraps its own).
        if (node is YMapping wrapped && wrapped.Get("value") is { } inner && wrapped.Get("source") is YScalar own)
        {
            foreach (var e in wrapped.Entries.Where(e => e.Key.Value is not ("value" or "source" or "note")))
                diagnostics.Error(DiagnosticCodes.UnknownKey, e.Key.Location, $"{field}.{e.Key.Value}", null, "unknown key in a sourced value", "a sourced value has only 'value', 'source' and 'note'");
            node = inner;
            source = own.Value;
        }
        switch (node)
        {
            case YScalar:
                {
                    double? v = readOne(node, field, diagnostics);
                    return v is null ? null : (v.Value, v.Value, v.Value);
                }
            case YMapping m:
                {
                    var f = new FieldReader(m, field, diagnostics, r.ReportMissing);
                    var minNode = f.Node("min");
                    var modeNode = f.Node("mode");
                    var maxNode = f.Node("max");
                    f.Finish();
                    foreach (var (name, n) in new[] { ("min", minNode), ("mode", modeNode), ("max", maxNode) })
                        if (n is null) f.Missing(name, "a three-point estimate needs min, mode (the most likely value) and max");
                    double? min = minNode is null ? null : readOne(minNode, field + ".min", diagnostics);
                    double? mode = modeNode is null ? null : readOne(modeNode, field + ".mode", diagnostics);
                    double? max = maxNode is null ? null : readOne(maxNode, field + ".max", diagnostics);
                    if (min is null || mode is null || max is null) return null;
                    bool ordered = true;
                    if (min > mode)
                    {
                        diagnostics.Error(DiagnosticCodes.Inconsistent, modeNode!.Location, field + ".mode", Describe(modeNode),
                            $"the most likely value is below min ({Describe(minNode!)})", "order the three points: min ≤ mode ≤ max");
                        ordered = false;
                    }
                    if (mode > max)
                    {
                        diagnostics.Error(DiagnosticCodes.Inconsistent, maxNode!.Location, field + ".max", Describe(maxNode),
                            $"max is below the most likely value ({Describe(modeNode!)})", "order the three points: min ≤ mode ≤ max");
                        ordered = false;
                    }
                    return ordered ? (min.Value, mode.Value, max.Value) : null;
                }
            default:
                diagnostics.Error(DiagnosticCodes.WrongType, node.Location, field, null, $"expected a value or a three-point estimate, found {node.KindName}", ThreePointHint);
                return null;
        }
    }

    private static string Describe(YNode node) => FieldReader.Describe(node) ?? node.KindName;

    private static double? ReadDuration(YNode node, string field, DiagnosticBag diagnostics)
    {
        if (node is not YScalar s)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, node.Location, field, null, $"expected a duration, found {node.KindName}", $"write e.g. {UnitTable.Quoted(Dimension.Duration)} or '12 weeks'");
            return null;
        }
        var q = QuantityParser.Parse(s.Value, Dimension.Duration);
        if (!q.Ok)
        {
            diagnostics.Error(q.ErrorCode!, s.Location, field, s.Value, q.Error!, q.Suggestion);
            return null;
        }
        if (q.Value < 0)
        {
            diagnostics.Error(DiagnosticCodes.OutOfRange, s.Location, field, s.Value, "a duration must not be negative", "use 0 d for a phase that takes no time");
            return null;
        }
        if (q.Value > MaxDurationSeconds)
        {
            diagnostics.Error(DiagnosticCodes.OutOfRange, s.Location, field, s.Value, "is longer than 100 years", "check the unit (weeks, months, years)");
            return null;
        }
        return q.Value;
    }

    private static CountRate? ReadRate(YNode node, string field, DiagnosticBag diagnostics)
    {
        if (node is not YScalar s)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, node.Location, field, null, $"expected a rate, found {node.KindName}", $"write e.g. '{CountRate.Example}'");
            return null;
        }
        var rate = CountRate.Parse(s.Value, out var code, out var error, out var suggestion);
        if (rate is null)
        {
            diagnostics.Error(code!, s.Location, field, s.Value, error!, suggestion);
            return null;
        }
        if (!double.IsFinite(rate.Value.PerSecond) || rate.Value.PerSecond <= 0 || rate.Value.PerWeek > 1e9)
        {
            diagnostics.Error(DiagnosticCodes.OutOfRange, s.Location, field, s.Value,
                rate.Value.PerSecond <= 0 ? "a rate must be greater than zero (nothing would ever arrive)" : "is more than a billion per week", "check the number and its unit");
            return null;
        }
        return rate;
    }
}
