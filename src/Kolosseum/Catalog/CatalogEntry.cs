using Kolosseum.Diagnostics;
using Kolosseum.Yaml;

namespace Kolosseum.Catalog;

/// <summary>
/// One entry of the catalog as written: its kind ("gpus"), stable id, fields and where each field's
/// number comes from. Typed records (<see cref="GpuSpec"/>, ...) are bound from this, after any
/// scenario overrides have been merged in, so an override is checked by the same rules as the catalog.
/// </summary>
public sealed record CatalogEntry(
    string Kind,
    string Id,
    YMapping Fields,
    IReadOnlyDictionary<string, string> SourceByField,
    string DefaultSource,
    SourceLocation Location)
{
    /// <summary>The source of a field, falling back to the entry's default source.</summary>
    public string SourceOf(string field) => SourceByField.TryGetValue(field, out var s) ? s : DefaultSource;
}
