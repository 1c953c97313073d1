using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Buildout;

/// <summary>
/// A publicly reported build of a GPU cluster (catalog kind <c>build_records</c>): how many GPUs, and how long from
/// the start of the build to all of them training. The fastest such record of a size bounds the build-out presets:
/// no preset's median may build as many GPUs faster than anyone has been reported to (docs/buildout.md).
/// </summary>
public sealed record BuildRecord : ICatalogItem<BuildRecord>
{
    public static string Kind => "build_records";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>GPUs online at the end of the reported time.</summary>
    public required long Gpus { get; init; }

    /// <summary>From the start of the build (the decision or site take-over) to every GPU online.</summary>
    public required Duration Duration { get; init; }

    public required string Source { get; init; }

    public static BuildRecord? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        long? gpus = r.Integer("gpus", required: true, min: 1, max: 100_000_000);
        double? seconds = r.Quantity("duration", Dimension.Duration, required: true, min: 1, max: 30 * Duration.SecondsPerYear);
        if (name is null || gpus is null || seconds is null) return null;
        return new BuildRecord { Id = entry.Id, Name = name, Gpus = gpus.Value, Duration = new Duration(seconds.Value), Source = entry.SourceOf("duration") };
    }

    /// <summary>
    /// The record a build of <paramref name="gpus"/> GPUs must not beat: the fastest of those with at most as many GPUs
    /// (building more GPUs than a record in less time would beat it); null when every record is larger.
    /// </summary>
    public static BuildRecord? FastestAtOrBelow(Catalog.Catalog catalog, long gpus) =>
        catalog.All<BuildRecord>().Where(b => b.Gpus <= gpus).OrderBy(b => b.Duration.Seconds).FirstOrDefault();
}
