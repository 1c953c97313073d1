using Kolosseum.Catalog;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Buildout;

/// <summary>
/// A sourced build-out template from the catalog (kind <c>buildout</c>): a fast-track conversion, a
/// typical hyperscale build, a retrofit, or renting. Phases and rates are data; the GPU count comes from
/// the cluster option, so one preset serves 24,000 and 100,000 GPUs and the ramp makes them differ.
/// </summary>
public sealed record BuildoutPreset : ICatalogItem<BuildoutPreset>
{
    public static string Kind => "buildout";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Whether the preset builds (owned) or rents (rented); an option may only use a preset of its own kind.</summary>
    public required Ownership Ownership { get; init; }

    /// <summary>When set, the preset an option of this ownership gets when it has no <c>buildout.preset</c>.</summary>
    public Ownership? DefaultFor { get; init; }

    /// <summary>The start date used when a scenario gives none: fixed, so that outputs are reproducible.</summary>
    public required DateOnly DefaultStart { get; init; }

    /// <summary>The smallest block a training run starts on; null means the whole cluster.</summary>
    public long? FirstTrainingGpus { get; init; }

    public required string FirstTrainingSource { get; init; }

    public required IReadOnlyList<PhaseSpec> Phases { get; init; }
    public RampSpec? Ramp { get; init; }

    public required string Source { get; init; }

    public static BuildoutPreset? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        var sources = SourceLookup.ForCatalog(entry);
        string? name = r.String("name", required: true);
        var ownership = r.Enum<Ownership>("ownership", required: true);
        var defaultFor = r.Enum<Ownership>("default_for");
        var start = BuildoutFields.Date(r, "default_start", required: true);
        long? first = r.Integer("first_training_gpus", min: 1, max: 10_000_000, rangeHint: "a GPU count, e.g. 24576 (one pod)");
        var phasesReader = r.Map("phases", required: true);
        var phases = phasesReader is null ? null : PhaseReader.Phases(phasesReader, "phases", sources);
        phasesReader?.Finish();
        var rampReader = r.Map("ramp");
        var ramp = rampReader is null ? null : PhaseReader.Ramp(rampReader, null, "ramp", sources);
        rampReader?.Finish();
        if (name is null || ownership is null || start is null || phases is null || (rampReader is not null && ramp is null))
        {
            if (phases is not null) PhaseGraph.Validate(phases, null, entry.Location, r.Path, r.Diagnostics);
            return null;
        }
        if (defaultFor is { } d && d != ownership)
        {
            r.Diagnostics.Error(Diagnostics.DiagnosticCodes.Inconsistent, r.Node("default_for")!.Location, r.FieldPath("default_for"), EnumNames<Ownership>.Name(d),
                $"a preset for {EnumNames<Ownership>.Name(ownership.Value)} options cannot be the default for {EnumNames<Ownership>.Name(d)} ones");
            return null;
        }
        if (!PhaseGraph.Validate(phases, ramp, entry.Location, r.Path, r.Diagnostics)) return null;
        return new BuildoutPreset
        {
            Id = entry.Id, Name = name, Ownership = ownership.Value, DefaultFor = defaultFor, DefaultStart = start.Value,
            FirstTrainingGpus = first, FirstTrainingSource = first is null ? "the whole cluster (no first block given)" : sources.Of("first_training_gpus"),
            Phases = phases, Ramp = ramp, Source = entry.DefaultSource,
        };
    }

    /// <summary>The preset an option of this ownership gets by default (by id order when several claim it).</summary>
    public static BuildoutPreset? DefaultPreset(Catalog.Catalog catalog, Ownership ownership) =>
        catalog.All<BuildoutPreset>().FirstOrDefault(p => p.DefaultFor == ownership);
}
