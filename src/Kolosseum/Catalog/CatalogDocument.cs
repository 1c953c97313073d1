using Kolosseum.Diagnostics;
using Kolosseum.Yaml;

namespace Kolosseum.Catalog;

/// <summary>
/// Reads catalog entries from YAML: a top-level mapping of kind -> list of entries. Every entry has an
/// <c>id</c> and a <c>source</c>; any field may instead be written <c>{value: ..., source: ...}</c> to
/// give that number its own source. The same reader handles the <c>catalog:</c> section of a scenario,
/// where entries override or extend the embedded catalog.
/// </summary>
public static class CatalogDocument
{
    public static readonly IReadOnlyList<string> Kinds =
        ["gpus", "nodes", "nics", "switches", "transceivers", "cables", "fabric_defaults", "storage", "facilities",
         "electricity", "rental", "carbon", "capex", "failures", "models", "buildout", "build_records", "reliability", "opex", "cluster_sizing", "run_profiles", "sensitivity", "uncertainty", "critical_batch"];

    public static IReadOnlyList<CatalogEntry> ReadEntries(YNode? root, string path, DiagnosticBag diagnostics, bool requireSource, bool reportMissing = true)
    {
        var result = new List<CatalogEntry>();
        var seen = new HashSet<(string, string)>();
        var top = FieldReader.Of(root, path, diagnostics, reportMissing);
        if (top is null) return result;
        foreach (var kind in Kinds)
        {
            var items = top.List(kind);
            if (items is null) continue;
            for (int i = 0; i < items.Count; i++)
            {
                string itemPath = $"{top.FieldPath(kind)}[{i}]";
                var entry = ReadEntry(kind, items[i], itemPath, diagnostics, requireSource, reportMissing);
                if (entry is null) continue;
                if (!seen.Add((kind, entry.Id)))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateKey, entry.Location, itemPath + ".id", entry.Id, $"a second '{kind}' entry with the same id", "ids must be unique within a kind");
                    continue;
                }
                result.Add(entry);
            }
        }
        top.Finish();
        return result;
    }

    private static CatalogEntry? ReadEntry(string kind, YNode node, string path, DiagnosticBag diagnostics, bool requireSource, bool reportMissing)
    {
        if (node is not YMapping map)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, node.Location, path, FieldReader.Describe(node), $"expected a catalog entry (a mapping with an id), found {node.KindName}");
            return null;
        }
        string? id = null;
        string? defaultSource = null;
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = new List<YEntry>();
        foreach (var e in map.Entries)
        {
            switch (e.Key.Value)
            {
                case "id":
                    id = (e.Value as YScalar)?.Value;
                    if (string.IsNullOrWhiteSpace(id))
                        diagnostics.Error(DiagnosticCodes.WrongType, e.Value.Location, path + ".id", FieldReader.Describe(e.Value), "an id must be a non-empty name");
                    fields.Add(e);
                    break;
                case "source":
                    defaultSource = (e.Value as YScalar)?.Value;
                    break;
                default:
                    fields.Add(Unwrap(e, path, sources, diagnostics));
                    break;
            }
        }
        if (id is null)
        {
            if (reportMissing) diagnostics.Error(DiagnosticCodes.MissingField, map.Location, path + ".id", null, "every catalog entry needs an id");
            return null;
        }
        if (requireSource && string.IsNullOrWhiteSpace(defaultSource) && fields.Any(f => f.Key.Value != "id" && !sources.ContainsKey(f.Key.Value)))
        {
            diagnostics.Error(DiagnosticCodes.MissingField, map.Location, path + ".source", null, $"catalog entry '{id}' has numbers without a source",
                "add 'source: <where the numbers come from>' or give each field {value: ..., source: ...}");
        }
        return new CatalogEntry(kind, id!, new YMapping(fields, map.Location), sources, defaultSource ?? "", map.Location);
    }

    /// <summary>
    /// Turns <c>field: {value: X, source: S}</c> into <c>field: X</c> and remembers S under the field's
    /// dotted name (<c>efficiency.matmul</c> for nested mappings).
    /// </summary>
    private static YEntry Unwrap(YEntry e, string path, Dictionary<string, string> sources, DiagnosticBag diagnostics, string prefix = "")
    {
        string name = prefix + e.Key.Value;
        if (e.Value is YMapping m && m.Get("value") is { } value && m.Get("source") is YScalar src)
        {
            foreach (var inner in m.Entries)
            {
                if (inner.Key.Value is not ("value" or "source" or "note"))
                    diagnostics.Error(DiagnosticCodes.UnknownKey, inner.Key.Location, $"{path}.{name}.{inner.Key.Value}", null,
                        "unknown key in a sourced value", "a sourced value has only 'value', 'source' and 'note'");
            }
            sources[name] = src.Value;
            return new YEntry(e.Key, value);
        }
        if (e.Value is YMapping nested)
        {
            var inner = nested.Entries.Select(x => Unwrap(x, path, sources, diagnostics, name + ".")).ToList();
            return new YEntry(e.Key, new YMapping(inner, nested.Location));
        }
        return e;
    }
}
