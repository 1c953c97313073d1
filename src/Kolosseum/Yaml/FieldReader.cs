using System.Globalization;
using Kolosseum.Diagnostics;
using Kolosseum.Units;

namespace Kolosseum.Yaml;

/// <summary>
/// Reads the fields of one YAML mapping with located diagnostics. Every key read is remembered, so
/// <see cref="Finish"/> can report the keys that nobody asked for — typos — with a "did you mean".
/// Each reader method returns null when the field is absent or wrong (and says why in the bag).
/// </summary>
public sealed class FieldReader
{
    private readonly YMapping _map;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _diagnostics;

    public FieldReader(YMapping map, string path, DiagnosticBag diagnostics, bool reportMissing = true)
    {
        _map = map;
        Path = path;
        _diagnostics = diagnostics;
        ReportMissing = reportMissing;
    }

    /// <summary>Dotted path of this mapping in the document: <c>options[1].cluster</c>.</summary>
    public string Path { get; }

    public SourceLocation Location => _map.Location;

    public DiagnosticBag Diagnostics => _diagnostics;

    /// <summary>False after a syntax error: a missing field may just sit on the blanked line.</summary>
    public bool ReportMissing { get; }

    public YMapping Mapping => _map;

    /// <summary>Reads a mapping node, reporting a diagnostic when the node is something else.</summary>
    public static FieldReader? Of(YNode? node, string path, DiagnosticBag diagnostics, bool reportMissing = true)
    {
        if (node is YMapping m) return new FieldReader(m, path, diagnostics, reportMissing);
        if (node is null) return null;
        diagnostics.Error(DiagnosticCodes.WrongType, node.Location, path, Describe(node), $"expected a mapping of 'key: value' lines, found {node.KindName}");
        return null;
    }

    public string FieldPath(string key) => Path.Length == 0 ? key : Path + "." + key;

    public IEnumerable<string> Keys => _map.Entries.Select(e => e.Key.Value);

    public bool Has(string key)
    {
        _known.Add(key);
        var n = _map.Get(key);
        return n is not null && !(n is YScalar s && s.IsNull);
    }

    /// <summary>The raw node for a key (marks the key as known).</summary>
    public YNode? Node(string key, bool required = false)
    {
        _known.Add(key);
        var node = _map.Get(key);
        if (node is YScalar s && s.IsNull) node = null;
        if (node is null && required) Missing(key);
        return node;
    }

    public void Missing(string key, string? hint = null)
    {
        if (!ReportMissing) return;
        _diagnostics.Error(DiagnosticCodes.MissingField, _map.Location, FieldPath(key), null, "is required", hint);
    }

    public string? String(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null) return null;
        if (node is YScalar s) return Visible(s, FieldPath(key));
        WrongType(key, node, "text");
        return null;
    }

    /// <summary>A text without the characters that hide or reorder it (a warning names those removed).</summary>
    private string Visible(YScalar s, string field)
    {
        var (text, removed) = InvisibleText.Strip(s.Value);
        if (removed is not null)
            _diagnostics.Warning(DiagnosticCodes.InvisibleText, s.Location, field, text,
                $"invisible characters removed ({removed}): they hide or reorder text in the report, the JSON and the terminal");
        return text;
    }

    /// <summary>A plain number (no unit) within [min, max].</summary>
    public double? Number(string key, bool required = false, double min = double.MinValue, double max = double.MaxValue, string? rangeHint = null)
        => Quantity(key, Dimension.Dimensionless, required, min, max, rangeHint);

    /// <summary>A number that must carry a unit of <paramref name="dimension"/>; returns the SI value.</summary>
    public double? Quantity(string key, Dimension dimension, bool required = false, double min = double.MinValue, double max = double.MaxValue, string? rangeHint = null)
    {
        var node = Node(key, required);
        if (node is null) return null;
        return ReadQuantity(node, FieldPath(key), dimension, min, max, rangeHint);
    }

    public double? ReadQuantity(YNode node, string field, Dimension dimension, double min, double max, string? rangeHint)
    {
        if (node is not YScalar s)
        {
            _diagnostics.Error(DiagnosticCodes.WrongType, node.Location, field, Describe(node), $"expected {QuantityParser.Describe(dimension)}, found {node.KindName}",
                $"write e.g. '{UnitTable.Example(dimension)}'");
            return null;
        }
        var q = QuantityParser.Parse(s.Value, dimension);
        if (!q.Ok)
        {
            _diagnostics.Error(q.ErrorCode!, s.Location, field, s.Value, q.Error!, q.Suggestion);
            return null;
        }
        if (q.Value < min || q.Value > max)
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, s.Location, field, s.Value, RangeRule(min, max, dimension), rangeHint);
            return null;
        }
        if (Math.Abs(q.Value) > QuantityParser.MaxMagnitude)
        {
            // A field without its own bounds still gets these: 1e300 watts is finite, but a sum or product of
            // such values is not, and would surface later as NaN or an exception far from the value's line.
            _diagnostics.Error(DiagnosticCodes.OutOfRange, s.Location, field, s.Value, QuantityParser.MagnitudeRule, rangeHint);
            return null;
        }
        return q.Value;
    }

    /// <summary>A whole number (a count: GPUs, layers, degrees) within [min, max]; accepts 100k and 15T.</summary>
    public long? Integer(string key, bool required = false, long min = long.MinValue, long max = long.MaxValue, string? rangeHint = null)
    {
        var node = Node(key, required);
        if (node is null) return null;
        return ReadInteger(node, FieldPath(key), min, max, rangeHint);
    }

    public long? ReadInteger(YNode node, string field, long min, long max, string? rangeHint = null)
    {
        if (node is not YScalar s)
        {
            _diagnostics.Error(DiagnosticCodes.WrongType, node.Location, field, Describe(node), $"expected a whole number, found {node.KindName}");
            return null;
        }
        var q = QuantityParser.Parse(s.Value, Dimension.Count);
        if (!q.Ok)
        {
            _diagnostics.Error(q.ErrorCode!, s.Location, field, s.Value, q.Error!, q.Suggestion);
            return null;
        }
        if (QuantityParser.WholeNumber(q.Value) is not { } whole)
        {
            _diagnostics.Error(DiagnosticCodes.WrongType, s.Location, field, s.Value, "must be a whole number", null);
            return null;
        }
        if (whole < min || whole > max || !QuantityParser.FitsLong(whole))
        {
            _diagnostics.Error(DiagnosticCodes.OutOfRange, s.Location, field, s.Value, RangeRule(min, max, Dimension.Count), rangeHint);
            return null;
        }
        return (long)whole;
    }

    public int? Int(string key, bool required = false, int min = 0, int max = int.MaxValue, string? rangeHint = null)
    {
        long? v = Integer(key, required, min, max, rangeHint);
        return v is null ? null : (int)v.Value;
    }

    public bool? Bool(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null) return null;
        if (node is YScalar s)
        {
            switch (s.Value)
            {
                case "true" or "True" or "TRUE" or "yes" or "on": return true;
                case "false" or "False" or "FALSE" or "no" or "off": return false;
            }
            _diagnostics.Error(DiagnosticCodes.WrongType, s.Location, FieldPath(key), s.Value, "expected true or false", null);
            return null;
        }
        WrongType(key, node, "true or false");
        return null;
    }

    /// <summary>An enum value written in snake_case ("selective", "fat_tree").</summary>
    public TEnum? Enum<TEnum>(string key, bool required = false) where TEnum : struct, System.Enum
    {
        var node = Node(key, required);
        if (node is null) return null;
        if (node is not YScalar s)
        {
            WrongType(key, node, "a name");
            return null;
        }
        if (EnumNames<TEnum>.TryParse(s.Value, out var value)) return value;
        _diagnostics.Error(DiagnosticCodes.WrongType, s.Location, FieldPath(key), s.Value, $"is not one of {string.Join(", ", EnumNames<TEnum>.Names)}",
            Suggest.DidYouMean(s.Value, EnumNames<TEnum>.Names));
        return null;
    }

    public FieldReader? Map(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null) return null;
        if (node is YMapping m) return new FieldReader(m, FieldPath(key), _diagnostics, ReportMissing);
        WrongType(key, node, "a mapping of 'key: value' lines");
        return null;
    }

    public IReadOnlyList<YNode>? List(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null) return null;
        if (node is YSequence seq) return seq.Items;
        WrongType(key, node, "a list");
        return null;
    }

    /// <summary>Reports every key that no reader asked for, with the nearest known key.</summary>
    public void Finish()
    {
        foreach (var entry in _map.Entries)
        {
            if (_known.Contains(entry.Key.Value)) continue;
            _diagnostics.Error(DiagnosticCodes.UnknownKey, entry.Key.Location, FieldPath(entry.Key.Value), null,
                "unknown key", Suggest.DidYouMean(entry.Key.Value, _known.OrderBy(k => k, StringComparer.Ordinal).ToList()));
        }
    }

    /// <summary>Marks keys as known without reading them (handled elsewhere).</summary>
    public void Accept(params string[] keys)
    {
        foreach (var k in keys) _known.Add(k);
    }

    private void WrongType(string key, YNode node, string expected) =>
        _diagnostics.Error(DiagnosticCodes.WrongType, node.Location, FieldPath(key), Describe(node), $"expected {expected}, found {node.KindName}");

    public static string? Describe(YNode node) => node is YScalar s ? s.Value : null;

    private static string RangeRule(double min, double max, Dimension dimension) => RangeText.Rule(min, max, dimension);
}
