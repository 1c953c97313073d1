using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Reliability;

/// <summary>
/// Readers for the reliability knobs that both the catalog profile and the scenario section accept
/// (<c>auto</c> or a duration, <c>auto</c> or a count, failure-rate set names), with the same rules.
/// </summary>
internal static class ReliabilityFields
{
    public const double MaxInterval = Duration.SecondsPerYear;

    /// <summary>
    /// <c>auto</c> (Young/Daly optimum) or a duration. Returns false when the value is invalid (reported);
    /// <paramref name="interval"/> is null for auto.
    /// </summary>
    public static bool ReadInterval(FieldReader r, string key, out Duration? interval)
    {
        interval = null;
        var node = r.Node(key);
        if (node is YScalar { Value: "auto" }) return true;
        if (node is null) return true;
        double? s = r.ReadQuantity(node, r.FieldPath(key), Dimension.Duration, 1, MaxInterval, "write 'auto' for the Young/Daly optimum, or a duration such as 30 min");
        if (s is null) return false;
        interval = new Duration(s.Value);
        return true;
    }

    /// <summary><c>auto</c> (sized from the per-GPU read bandwidth) or a whole number of storage units.</summary>
    public static bool ReadUnits(FieldReader r, string key, out int? units)
    {
        units = null;
        var node = r.Node(key);
        if (node is null || node is YScalar { Value: "auto" }) return true;
        long? n = r.ReadInteger(node, r.FieldPath(key), 1, 10_000_000, "write 'auto' or a count of storage units, e.g. 40");
        if (n is null) return false;
        units = (int)n.Value;
        return true;
    }

    /// <summary>One rate-set name or a list of them, each checked against the catalog's failure entries.</summary>
    public static IReadOnlyList<string>? ReadRateSets(FieldReader r, string key, Catalog.Catalog catalog)
    {
        var node = r.Node(key);
        if (node is null) return null;
        var names = new List<(string Name, SourceLocation At)>();
        switch (node)
        {
            case YScalar s:
                names.Add((s.Value, s.Location));
                break;
            case YSequence seq:
                foreach (var item in seq.Items)
                {
                    if (item is YScalar si) names.Add((si.Value, si.Location));
                    else r.Diagnostics.Error(DiagnosticCodes.WrongType, item.Location, r.FieldPath(key), null, $"expected a rate-set name, found {item.KindName}");
                }
                break;
            default:
                r.Diagnostics.Error(DiagnosticCodes.WrongType, node.Location, r.FieldPath(key), null, $"expected a rate-set name or a list of them, found {node.KindName}",
                    "write e.g. 'llama3' or '[llama3, llama3-planned]'");
                return null;
        }
        var known = catalog.All<FailureRate>().Select(f => f.RateSet).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        bool ok = names.Count > 0;
        if (names.Count == 0)
            r.Diagnostics.Error(DiagnosticCodes.MissingField, node.Location, r.FieldPath(key), null, "needs at least one rate set", "known: " + string.Join(", ", known));
        foreach (var (name, at) in names)
        {
            if (known.Contains(name, StringComparer.Ordinal)) continue;
            r.Diagnostics.Error(DiagnosticCodes.UnknownId, at, r.FieldPath(key), name, "unknown failure-rate set", Suggest.DidYouMean(name, known));
            ok = false;
        }
        if (names.Select(n => n.Name).Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            r.Diagnostics.Error(DiagnosticCodes.DuplicateKey, node.Location, r.FieldPath(key), null, "a rate set is named twice", "name each set once");
            ok = false;
        }
        return ok ? names.Select(n => n.Name).ToList() : null;
    }
}
