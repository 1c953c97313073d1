using Kolosseum.Diagnostics;
using Kolosseum.Yaml;

namespace Kolosseum.Uncertainty;

/// <summary>
/// Reads one uncertain input: a plain number (a point), or a mapping
/// <c>{distribution: triangular|uniform|lognormal|choice, low, mode, high, choices, source}</c>, with located
/// diagnostics for every rule (low ≤ mode ≤ high, every value inside the input's valid range, weights positive,
/// a source for every range).
/// </summary>
public static class UncertainValueReader
{
    public static readonly IReadOnlyList<string> Kinds = ["triangular", "uniform", "lognormal", "choice"];

    public static UncertainValue? Read(FieldReader parent, string key, UncertainInput input, string pointSource)
    {
        var node = parent.Node(key);
        if (node is null) return null;
        var (min, max) = input.ValidRange();
        string hint = input == UncertainInput.Buildout ? "a percentile of the build-out Monte-Carlo, 0 to 1" : $"a multiplier between {Format.N(min)} and {Format.N(max)}: 1 is the scenario's own value";
        var bag = parent.Diagnostics;
        if (node is YScalar)
        {
            double? v = parent.ReadQuantity(node, parent.FieldPath(key), Units.Dimension.Dimensionless, min, max, hint);
            return v is null ? null : new PointValue(v.Value) { Source = pointSource };
        }
        var m = parent.Map(key);
        if (m is null) return null;
        string? source = m.String("source");
        if (string.IsNullOrWhiteSpace(source))
            bag.Error(DiagnosticCodes.MissingField, m.Location, m.FieldPath("source"), null, "a range needs its source", "add source: \"<the public figures the range comes from>\"");
        string? kind = m.String("distribution");
        if (kind is not null && !Kinds.Contains(kind))
        {
            bag.Error(DiagnosticCodes.WrongType, m.Node("distribution")!.Location, m.FieldPath("distribution"), kind, "is not one of " + string.Join(", ", Kinds),
                Suggest.DidYouMean(kind, [.. Kinds]));
            kind = null;
            m.Accept("low", "mode", "high", "choices");
            m.Finish();
            return null;
        }
        kind ??= m.Has("choices") ? "choice" : m.Has("mode") ? "triangular" : "uniform";
        UncertainValue? value = kind == "choice" ? ReadChoices(m, min, max, hint, source) : ReadRange(m, kind, min, max, hint, source);
        m.Finish();
        return string.IsNullOrWhiteSpace(source) ? null : value;
    }

    private static UncertainValue? ReadRange(FieldReader m, string kind, double min, double max, string hint, string? source)
    {
        var bag = m.Diagnostics;
        double? low = m.Number("low", required: true, min: min, max: max, rangeHint: hint);
        double? mode = kind == "triangular" ? m.Number("mode", required: true, min: min, max: max, rangeHint: hint) : null;
        if (kind != "triangular" && m.Node("mode") is { } stray)
            bag.Error(DiagnosticCodes.Inconsistent, stray.Location, m.FieldPath("mode"), FieldReader.Describe(stray), $"a {kind} range has no mode",
                kind == "lognormal" ? "a lognormal range is its P10 (low) and P90 (high)" : "use distribution: triangular for a most-likely value");
        double? high = m.Number("high", required: true, min: min, max: max, rangeHint: hint);
        if (low is null || high is null || (kind == "triangular" && mode is null)) return null;
        bool ok = true;
        if (mode is { } md && md < low)
        {
            bag.Error(DiagnosticCodes.Inconsistent, m.Node("mode")!.Location, m.FieldPath("mode"), Format.N(md), $"the mode is below low ({Format.N(low.Value)})", "low <= mode <= high");
            ok = false;
        }
        if (mode is { } mh && mh > high)
        {
            bag.Error(DiagnosticCodes.Inconsistent, m.Node("mode")!.Location, m.FieldPath("mode"), Format.N(mh), $"the mode is above high ({Format.N(high.Value)})", "low <= mode <= high");
            ok = false;
        }
        if (high < low)
        {
            bag.Error(DiagnosticCodes.Inconsistent, m.Node("high")!.Location, m.FieldPath("high"), Format.N(high.Value), $"high is below low ({Format.N(low.Value)})", "low <= high");
            ok = false;
        }
        if (kind == "lognormal" && ok && (low <= 0 || high == low))
        {
            bag.Error(DiagnosticCodes.Inconsistent, m.Node("high")!.Location, m.FieldPath("high"), Format.N(high.Value),
                "a lognormal range needs 0 < low < high (its P10 and P90)", "use a plain number for a value known exactly");
            ok = false;
        }
        if (!ok) return null;
        string src = source ?? "";
        return kind switch
        {
            "triangular" => new TriangularValue(low.Value, mode!.Value, high.Value) { Source = src },
            "uniform" => new UniformValue(low.Value, high.Value) { Source = src },
            _ => new LognormalValue(low.Value, high.Value, min, max) { Source = src },
        };
    }

    private static UncertainValue? ReadChoices(FieldReader m, double min, double max, string hint, string? source)
    {
        var bag = m.Diagnostics;
        var items = m.List("choices", required: true);
        if (items is null) return null;
        if (items.Count == 0)
        {
            bag.Error(DiagnosticCodes.MissingField, m.Location, m.FieldPath("choices"), null, "a choice needs at least one alternative", "e.g. choices: [{name: llama3, value: 1, weight: 2}]");
            return null;
        }
        var choices = new List<Choice>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        for (int i = 0; i < items.Count; i++)
        {
            var c = FieldReader.Of(items[i], $"{m.FieldPath("choices")}[{i}]", bag, m.ReportMissing);
            if (c is null)
            {
                ok = false;
                continue;
            }
            string? name = c.String("name", required: true);
            double? value = c.Number("value", required: true, min: min, max: max, rangeHint: hint);
            double? weight = c.Number("weight", min: 1e-9, max: 1e9, rangeHint: "a positive weight; weights need not add up to 1") ?? 1;
            c.Finish();
            if (name is not null && !names.Add(name))
            {
                bag.Error(DiagnosticCodes.DuplicateKey, c.Node("name")!.Location, c.FieldPath("name"), name, "two alternatives have the same name", "give each its own name");
                ok = false;
            }
            if (name is null || value is null || weight is null)
            {
                ok = false;
                continue;
            }
            choices.Add(new Choice(name, value.Value, weight.Value));
        }
        if (!ok) return null;
        return new DiscreteValue { Choices = [.. choices.OrderBy(c => c.Value).ThenBy(c => c.Name, StringComparer.Ordinal)], Source = source ?? "" };
    }
}
