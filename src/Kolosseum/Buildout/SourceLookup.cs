namespace Kolosseum.Buildout;

/// <summary>
/// Where the numbers of a build-out come from: a field's own source if it has one (catalog
/// <c>{value, source}</c> or a phase's <c>source:</c>), else the fallback (the preset's or the scenario's).
/// </summary>
internal sealed record SourceLookup(Func<string, string?> ByField, string Fallback)
{
    public static SourceLookup ForCatalog(Catalog.CatalogEntry entry) =>
        new(field => entry.SourceByField.TryGetValue(field, out var s) ? s : null, entry.DefaultSource);

    public static SourceLookup ForScenario(string file) => new(_ => null, $"scenario {file}");

    public string Of(string field, string? phaseSource = null) => ByField(field) ?? phaseSource ?? Fallback;
}
