using System.Globalization;
using System.Text.RegularExpressions;
using Kolosseum.Diagnostics;
using Kolosseum.Yaml;

namespace Kolosseum.Sweeps;

/// <summary>
/// Expands a range axis, <c>{from, to, step}</c> or <c>{from, to, count, scale: linear|log}</c>, into values. The
/// numbers may carry a unit or SI suffix (<c>100 MW</c>, <c>8k</c>); from, to and step must carry the same one,
/// which each value keeps, so the scenario's own rules read the values as they would read a hand-written one.
/// </summary>
internal static partial class AxisRange
{
    /// <summary>The most values one axis may have.</summary>
    public const int MaxValues = 100_000;

    [GeneratedRegex(@"^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(\s*)(.*?)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberWithUnit();

    private readonly record struct Number(double Value, string Separator, string Unit, SourceLocation Location);

    public static List<AxisValue>? Expand(FieldReader range, string field)
    {
        var bag = range.Diagnostics;
        var from = Read(range, "from", required: true);
        var to = Read(range, "to", required: true);
        var step = Read(range, "step");
        int? count = range.Int("count", min: 1, max: MaxValues);
        string? scale = range.String("scale");
        bool round = range.Bool("round") ?? false;
        range.Finish();
        if (from is null || to is null || (range.Has("step") && step is null) || (range.Has("count") && count is null)) return null;
        if (scale is not null and not ("linear" or "log"))
        {
            bag.Error(DiagnosticCodes.WrongType, range.Node("scale")!.Location, range.FieldPath("scale"), scale, "is not one of linear, log", Suggest.DidYouMean(scale, ["linear", "log"]));
            return null;
        }
        if ((step is null) == (count is null))
        {
            bag.Error(DiagnosticCodes.Inconsistent, range.Location, field, null, "a range gives either step or count", "write {from: 1, to: 10, step: 1} or {from: 1, to: 1000, count: 4, scale: log}");
            return null;
        }
        foreach (var other in new[] { to, step }.OfType<Number>())
        {
            if (other.Unit == from.Value.Unit) continue;
            bag.Error(DiagnosticCodes.Inconsistent, other.Location, field, other.Unit, $"'from' is written in '{from.Value.Unit}' and this in '{other.Unit}'", "write from, to and step in the same unit");
            return null;
        }
        var values = new List<double>();
        if (step is { } s)
        {
            if (scale == "log")
            {
                bag.Error(DiagnosticCodes.Inconsistent, range.Node("scale")!.Location, range.FieldPath("scale"), scale, "a log scale is given by count, not step", "write count: N instead of step");
                return null;
            }
            double span = to.Value.Value - from.Value.Value;
            if (s.Value == 0 || (span != 0 && Math.Sign(span) != Math.Sign(s.Value)))
            {
                bag.Error(DiagnosticCodes.OutOfRange, s.Location, range.FieldPath("step"), s.Value.ToString("R", CultureInfo.InvariantCulture),
                    span == 0 && s.Value != 0 ? "unreachable" : "must be non-zero and lead from 'from' to 'to'", "e.g. step: " + Format(Math.Abs(span) / 4, ""));
                return null;
            }
            double n = Math.Floor(span / s.Value * (1 + 1e-12) + 1e-9) + 1;
            if (n > MaxValues)
            {
                bag.Error(DiagnosticCodes.LimitExceeded, s.Location, range.FieldPath("step"), null, $"gives {n.ToString("0", CultureInfo.InvariantCulture)} values; an axis has at most {MaxValues:N0}", "use a larger step");
                return null;
            }
            for (int i = 0; i < n; i++) values.Add(from.Value.Value + i * s.Value);
        }
        else
        {
            int c = count!.Value;
            bool log = scale == "log";
            if (log && (from.Value.Value <= 0 || to.Value.Value <= 0))
            {
                bag.Error(DiagnosticCodes.OutOfRange, from.Value.Location, range.FieldPath("from"), null, "a log scale needs from and to above zero", "use scale: linear");
                return null;
            }
            for (int i = 0; i < c; i++)
            {
                double f = c == 1 ? 0 : (double)i / (c - 1);
                values.Add(log ? from.Value.Value * Math.Pow(to.Value.Value / from.Value.Value, f) : from.Value.Value + f * (to.Value.Value - from.Value.Value));
            }
        }
        if (round) values = [.. values.Select(v => Math.Round(v))];
        var texts = values.Select(v => Format(v, from.Value.Separator + from.Value.Unit)).ToList();
        var dup = texts.GroupBy(t => t, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null)
        {
            bag.Error(DiagnosticCodes.Inconsistent, range.Location, field, dup.Key, "the range gives this value twice" + (round ? " once rounded" : ""), "use fewer values or a wider range");
            return null;
        }
        return [.. texts.Select(t => new AxisValue(t, true, range.Location))];
    }

    /// <summary>Twelve significant digits: 0.1 steps give 0.7, not 0.7000000000000001.</summary>
    private static string Format(double v, string suffix)
    {
        double rounded = double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return rounded.ToString("0.############", CultureInfo.InvariantCulture) is var plain && plain.Length <= 24 && rounded != 0 && Math.Abs(rounded) >= 1e-6
            ? plain + suffix
            : rounded.ToString("G12", CultureInfo.InvariantCulture) + suffix;
    }

    private static Number? Read(FieldReader range, string key, bool required = false)
    {
        var node = range.Node(key, required);
        if (node is null) return null;
        if (node is YScalar s && NumberWithUnit().Match(s.Value) is { Success: true } m
            && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
            return new Number(v, m.Groups[2].Value.Length > 0 ? " " : "", m.Groups[3].Value, s.Location);
        range.Diagnostics.Error(DiagnosticCodes.WrongType, node.Location, range.FieldPath(key), FieldReader.Describe(node),
            "expected a number, optionally with a unit or suffix", "e.g. from: 100 MW, or from: 8k");
        return null;
    }
}
