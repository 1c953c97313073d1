using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;

namespace Kolosseum.Buildout;

/// <summary>
/// Everything the build-out simulation needs for one cluster option: the phase graph (validated), the
/// server ramp, the cluster size and the start date. Built from a preset (<see cref="FromPreset"/>) or
/// from a scenario option (<see cref="BuildoutSettings.Model"/>).
/// </summary>
public sealed record BuildoutModel
{
    /// <summary>The preset id, or "custom" for phases written in the scenario.</summary>
    public required string Preset { get; init; }
    public required string Description { get; init; }
    public required Ownership Ownership { get; init; }
    public required DateOnly Start { get; init; }
    public required long Gpus { get; init; }
    public required int GpusPerServer { get; init; }

    /// <summary>The GPU count at which the first training run may start (≤ <see cref="Gpus"/>).</summary>
    public required long FirstTrainingGpus { get; init; }

    public required IReadOnlyList<PhaseSpec> Phases { get; init; }

    /// <summary>Null: all capacity arrives when the last phase finishes (renting).</summary>
    public RampSpec? Ramp { get; init; }

    public long Servers => (Gpus + GpusPerServer - 1) / GpusPerServer;

    /// <summary>
    /// A model from a catalog preset. The preset's first-training block is capped at the cluster
    /// (a cluster smaller than one block trains on all of it); <paramref name="firstTrainingGpus"/> must not exceed <paramref name="gpus"/>.
    /// </summary>
    public static BuildoutModel FromPreset(BuildoutPreset preset, long gpus, int gpusPerServer, DateOnly? start = null, long? firstTrainingGpus = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gpus, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gpusPerServer, 1);
        if (firstTrainingGpus is { } f) ArgumentOutOfRangeException.ThrowIfGreaterThan(f, gpus);
        return new BuildoutModel
        {
            Preset = preset.Id, Description = preset.Name, Ownership = preset.Ownership, Start = start ?? preset.DefaultStart,
            Gpus = gpus, GpusPerServer = gpusPerServer, FirstTrainingGpus = firstTrainingGpus ?? Math.Min(gpus, preset.FirstTrainingGpus ?? gpus),
            Phases = preset.Phases, Ramp = preset.Ramp,
        };
    }

    /// <summary>Checks the phase graph of a hand-made model; the catalog and scenario readers do this themselves.</summary>
    public bool Validate(DiagnosticBag diagnostics) =>
        PhaseGraph.Validate(Phases, Ramp, new SourceLocation("buildout", 0, 0), "buildout", diagnostics);
}
