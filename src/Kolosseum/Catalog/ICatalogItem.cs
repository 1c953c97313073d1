using Kolosseum.Yaml;

namespace Kolosseum.Catalog;

/// <summary>
/// A typed catalog record bound from a <see cref="CatalogEntry"/>. Each area (GPUs, switches, prices,
/// failure rates...) declares its own record; <see cref="Catalog"/> finds them by reflection, so adding
/// a kind touches one file.
/// </summary>
public interface ICatalogItem<TSelf> where TSelf : class, ICatalogItem<TSelf>
{
    /// <summary>The top-level key in the catalog files (<c>gpus</c>, <c>switches</c>...).</summary>
    static abstract string Kind { get; }

    string Id { get; }

    /// <summary>Reads the record; reports problems in <c>fields.Diagnostics</c> and returns null when it cannot.</summary>
    static abstract TSelf? Bind(CatalogEntry entry, FieldReader fields, Catalog catalog);
}
