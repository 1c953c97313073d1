using System.Collections.Concurrent;
using System.Reflection;
using Kolosseum.Diagnostics;
using Kolosseum.Yaml;

namespace Kolosseum.Catalog;

/// <summary>
/// Everything Kolosseum knows about hardware, models, prices and failure rates, each number with its
/// source. Immutable: a scenario's overrides produce a new catalog (<see cref="WithOverrides"/>).
/// </summary>
public sealed class Catalog
{
    private static readonly Lazy<Catalog> EmbeddedCatalog = new(LoadEmbedded);
    private readonly Dictionary<string, Dictionary<string, CatalogEntry>> _byKind;
    private readonly ConcurrentDictionary<Type, object> _bound = new();

    private Catalog(IReadOnlyList<CatalogEntry> entries)
    {
        Entries = entries;
        _byKind = new Dictionary<string, Dictionary<string, CatalogEntry>>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            // Ids match case-insensitively: vendors write part numbers both ways (QM9700, qm9700).
            if (!_byKind.TryGetValue(e.Kind, out var map)) _byKind[e.Kind] = map = new Dictionary<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase);
            map[e.Id] = e;
        }
    }

    /// <summary>The catalog compiled into the library (src/Kolosseum/Catalog/data/*.yaml).</summary>
    public static Catalog Embedded => EmbeddedCatalog.Value;

    public IReadOnlyList<CatalogEntry> Entries { get; }

    public IEnumerable<CatalogEntry> EntriesOf(string kind) =>
        _byKind.TryGetValue(kind, out var map) ? map.Values.OrderBy(e => e.Id, StringComparer.Ordinal) : [];

    public CatalogEntry? Entry(string kind, string id) =>
        _byKind.TryGetValue(kind, out var map) && map.TryGetValue(id, out var e) ? e : null;

    public IReadOnlyList<string> Ids(string kind) =>
        _byKind.TryGetValue(kind, out var map) ? [.. map.Keys.OrderBy(k => k, StringComparer.Ordinal)] : [];

    public IReadOnlyList<string> Ids<T>() where T : class, ICatalogItem<T> => Ids(T.Kind);

    /// <summary>All records of a kind, bound once and cached. Entries that fail to bind are left out.</summary>
    public IReadOnlyList<T> All<T>() where T : class, ICatalogItem<T> => Bound<T>(null).Values.OrderBy(v => v.Id, StringComparer.Ordinal).ToList();

    public bool TryGet<T>(string id, out T value) where T : class, ICatalogItem<T>
    {
        if (Bound<T>(null).TryGetValue(id, out var v))
        {
            value = v;
            return true;
        }
        value = null!;
        return false;
    }

    /// <summary>The record with this id; a missing id here is a bug (user input is checked before).</summary>
    public T Get<T>(string id) where T : class, ICatalogItem<T> =>
        TryGet<T>(id, out var v) ? v : throw new KeyNotFoundException($"catalog has no {T.Kind} entry '{id}'");

    /// <summary>Checks a name a user wrote against the ids of a kind, with a suggestion when it is not there.</summary>
    public bool CheckId<T>(string id, SourceLocation location, string field, DiagnosticBag diagnostics) where T : class, ICatalogItem<T>
    {
        if (TryGet<T>(id, out _)) return true;
        // The entry exists but did not bind: its own diagnostics already say why.
        if (Entry(T.Kind, id) is not null) return false;
        var ids = Ids<T>();
        string? close = Suggest.Closest(id, ids);
        diagnostics.Error(DiagnosticCodes.UnknownId, location, field, id, $"unknown {Singular(T.Kind)} '{id}'",
            close is not null ? $"did you mean '{close}'?" : $"known: {string.Join(", ", ids)}");
        return false;
    }

    private static string Singular(string kind) => kind switch
    {
        "gpus" => "gpu",
        "nodes" => "node",
        "models" => "model",
        "switches" => "switch",
        "storage" => "storage system",
        "facilities" => "facility",
        _ => kind.TrimEnd('s'),
    };

    /// <summary>Binds every kind eagerly and reports every problem (used for overrides and by tests).</summary>
    public void Validate(DiagnosticBag diagnostics)
    {
        foreach (var binder in Binders.Value)
            binder(this, diagnostics);
    }

    /// <summary>A new catalog with the scenario's entries merged in: same id replaces fields, new id adds an entry.</summary>
    public Catalog WithOverrides(IReadOnlyList<CatalogEntry> overrides, DiagnosticBag diagnostics)
    {
        if (overrides.Count == 0) return this;
        var merged = Entries.ToDictionary(e => (e.Kind, Key(e.Id)));
        foreach (var o in overrides)
        {
            CatalogEntry? baseEntry = null;
            var baseNode = o.Fields.Get("base");
            if (baseNode is YScalar baseId)
            {
                if (!merged.TryGetValue((o.Kind, Key(baseId.Value)), out baseEntry))
                {
                    string? close = Suggest.Closest(baseId.Value, merged.Values.Where(v => v.Kind == o.Kind).Select(v => v.Id).ToList());
                    diagnostics.Error(DiagnosticCodes.UnknownId, baseId.Location, $"catalog.{o.Kind}.{o.Id}.base", baseId.Value,
                        $"unknown {Singular(o.Kind)} to base this entry on", close is not null ? $"did you mean '{close}'?" : null);
                    continue;
                }
            }
            else
            {
                merged.TryGetValue((o.Kind, Key(o.Id)), out baseEntry);
            }
            merged[(o.Kind, Key(o.Id))] = baseEntry is null ? o : Merge(baseEntry, o);
        }
        var result = new Catalog([.. merged.Values]);
        result.Validate(diagnostics);
        return result;
    }

    private static string Key(string id) => id.ToUpperInvariant();

    private static CatalogEntry Merge(CatalogEntry baseEntry, CatalogEntry o)
    {
        string overrideSource = string.IsNullOrEmpty(o.DefaultSource) ? $"scenario override at {o.Location}" : o.DefaultSource;
        var fields = baseEntry.Fields.Entries.Where(e => e.Key.Value != "id").ToDictionary(e => e.Key.Value, StringComparer.Ordinal);
        var order = baseEntry.Fields.Entries.Where(e => e.Key.Value != "id").Select(e => e.Key.Value).ToList();
        var sources = new Dictionary<string, string>(baseEntry.SourceByField, StringComparer.Ordinal);
        foreach (var e in o.Fields.Entries)
        {
            string key = e.Key.Value;
            if (key is "id" or "base") continue;
            if (!fields.ContainsKey(key)) order.Add(key);
            if (e.Value is YMapping newMap && fields.TryGetValue(key, out var old) && old.Value is YMapping oldMap)
            {
                // One level of nesting (efficiency, moe) merges field by field.
                var inner = oldMap.Entries.ToDictionary(x => x.Key.Value, StringComparer.Ordinal);
                var innerOrder = oldMap.Entries.Select(x => x.Key.Value).ToList();
                foreach (var x in newMap.Entries)
                {
                    if (!inner.ContainsKey(x.Key.Value)) innerOrder.Add(x.Key.Value);
                    inner[x.Key.Value] = x;
                    sources[key + "." + x.Key.Value] = o.SourceByField.TryGetValue(key + "." + x.Key.Value, out var s1) ? s1 : overrideSource;
                }
                fields[key] = new YEntry(e.Key, new YMapping([.. innerOrder.Select(k => inner[k])], newMap.Location));
            }
            else
            {
                fields[key] = e;
                sources[key] = o.SourceByField.TryGetValue(key, out var s2) ? s2 : overrideSource;
            }
        }
        if (baseEntry.Id == o.Id)
        {
            // Fields the base had without their own source keep the base's default source.
            foreach (var k in order.Where(k => !sources.ContainsKey(k))) sources[k] = baseEntry.DefaultSource;
        }
        var idEntry = o.Fields.Entries.First(e => e.Key.Value == "id");
        var all = new List<YEntry> { idEntry };
        all.AddRange(order.Select(k => fields[k]));
        return new CatalogEntry(o.Kind, o.Id, new YMapping(all, o.Location), sources, baseEntry.DefaultSource, o.Location);
    }

    private IReadOnlyDictionary<string, T> Bound<T>(DiagnosticBag? diagnostics) where T : class, ICatalogItem<T>
    {
        if (diagnostics is null && _bound.TryGetValue(typeof(T), out var cached)) return (IReadOnlyDictionary<string, T>)cached;
        var bag = diagnostics ?? new DiagnosticBag();
        var result = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in EntriesOf(T.Kind))
        {
            var reader = new FieldReader(entry.Fields, $"{T.Kind}[{entry.Id}]", bag);
            reader.Accept("id", "base");
            var item = T.Bind(entry, reader, this);
            reader.Finish();
            if (item is not null) result[entry.Id] = item;
        }
        _bound[typeof(T)] = result;
        return result;
    }

    private static readonly Lazy<IReadOnlyList<Action<Catalog, DiagnosticBag>>> Binders = new(FindBinders);

    private static IReadOnlyList<Action<Catalog, DiagnosticBag>> FindBinders()
    {
        var method = typeof(Catalog).GetMethod(nameof(Bound), BindingFlags.NonPublic | BindingFlags.Instance)!;
        var list = new List<Action<Catalog, DiagnosticBag>>();
        foreach (var type in typeof(Catalog).Assembly.GetTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            bool isItem = type.IsClass && !type.IsAbstract && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICatalogItem<>) && i.GetGenericArguments()[0] == type);
            if (!isItem) continue;
            var generic = method.MakeGenericMethod(type);
            list.Add((catalog, bag) => generic.Invoke(catalog, [bag]));
        }
        return list;
    }

    /// <summary>Kinds that have a typed record (and so can be listed, overridden and checked).</summary>
    public static IReadOnlyList<string> TypedKinds =>
        [.. typeof(Catalog).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICatalogItem<>)))
            .Select(t => (string)t.GetProperty("Kind", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!)
            .OrderBy(k => k, StringComparer.Ordinal)];

    private static Catalog LoadEmbedded()
    {
        var diagnostics = new DiagnosticBag();
        var entries = new List<CatalogEntry>();
        var assembly = typeof(Catalog).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Kolosseum.Catalog.data.", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            string file = "catalog/" + name["Kolosseum.Catalog.data.".Length..];
            var doc = YamlDocumentReader.Read(reader.ReadToEnd(), file, diagnostics, YamlLimits.Catalog);
            entries.AddRange(CatalogDocument.ReadEntries(doc.Root, "", diagnostics, requireSource: true));
        }
        var catalog = new Catalog(entries);
        catalog.Validate(diagnostics);
        if (diagnostics.HasErrors)
            throw new InvalidOperationException("the embedded catalog is invalid (a bug):\n" + string.Join("\n", diagnostics.Sorted().Select(d => d.Format())));
        return catalog;
    }

    /// <summary>Loads catalog entries from text (tests and scenario overrides use this).</summary>
    public static Catalog FromEntries(IReadOnlyList<CatalogEntry> entries) => new(entries);
}
