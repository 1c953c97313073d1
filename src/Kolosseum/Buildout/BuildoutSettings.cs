using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Buildout;

/// <summary>
/// The <c>buildout:</c> section of a cluster option. Every key is optional:
/// <list type="bullet">
/// <item><c>preset</c>: a catalog build-out; default: the preset marked <c>default_for</c> the option's ownership.</item>
/// <item><c>start</c>: the decision date (YYYY-MM-DD); default: the preset's <c>default_start</c>, a fixed date so results reproduce.</item>
/// <item><c>lead_time</c>: rented options only; replaces the preset's <c>lead_time</c> phase (one value or min/mode/max).</item>
/// <item><c>first_training_gpus</c>: the block a run starts on; default: the preset's, capped at the option's GPUs.</item>
/// <item><c>phases</c>: replaces the preset's phases and ramp (give <c>ramp</c> too to model server deliveries).</item>
/// <item><c>ramp</c>: replaces fields of the preset's ramp (or, with <c>phases</c>, is the whole ramp).</item>
/// </list>
/// </summary>
public sealed record BuildoutSettings : IOptionSection<BuildoutSettings>
{
    public const string CustomPreset = "custom";

    public static string Key => "buildout";

    /// <summary>The preset used, or "custom" when the scenario gave its own phases.</summary>
    public required string Preset { get; init; }
    public required bool PresetIsDefault { get; init; }
    public required DateOnly Start { get; init; }
    public required bool StartIsDefault { get; init; }
    public DurationEstimate? LeadTime { get; init; }

    /// <summary>The simulation input; null when the option itself could not be resolved (its diagnostics say why).</summary>
    public BuildoutModel? Model { get; init; }

    public static BuildoutSettings Read(FieldReader? section, OptionContext context)
    {
        var diagnostics = context.Scenario.Diagnostics;
        var catalog = context.Scenario.Catalog;
        var sources = SourceLookup.ForScenario(context.Scenario.File);
        string field = context.OptionPath + "." + Key;
        // Without a section, problems of the defaults are reported inside the option (at its GPU count).
        var at = section?.Location ?? context.GpusLocation;

        string? presetId = section?.String("preset");
        var start = section is null ? null : BuildoutFields.Date(section, "start", required: false);
        bool startBad = section?.Has("start") == true && start is null;
        long? first = section?.Integer("first_training_gpus", min: 1, max: 10_000_000, rangeHint: "a GPU count, e.g. 24576 (one pod)");
        var leadTime = section is null ? null : BuildoutFields.Duration(section, "lead_time", required: false, "lead_time", sources, null, out _);
        var phasesReader = section?.Map("phases");
        var phases = phasesReader is null ? null : PhaseReader.Phases(phasesReader, "phases", sources);
        phasesReader?.Finish();

        var unresolved = new BuildoutSettings { Preset = presetId ?? "", PresetIsDefault = presetId is null, Start = start ?? default, StartIsDefault = start is null };
        if (context.Ownership is not { } ownership)
        {
            section?.Accept("ramp");
            return unresolved;
        }

        BuildoutPreset? preset = null;
        if (presetId is not null)
        {
            var node = section!.Node("preset")!;
            if (catalog.CheckId<BuildoutPreset>(presetId, node.Location, field + ".preset", diagnostics))
            {
                preset = catalog.Get<BuildoutPreset>(presetId);
                if (preset.Ownership != ownership)
                {
                    var fitting = catalog.All<BuildoutPreset>().Where(p => p.Ownership == ownership).Select(p => p.Id).ToList();
                    diagnostics.Error(DiagnosticCodes.Inconsistent, node.Location, field + ".preset", presetId,
                        $"this preset is for {EnumNames<Ownership>.Name(preset.Ownership)} clusters and the option is {EnumNames<Ownership>.Name(ownership)}",
                        fitting.Count > 0 ? $"presets for {EnumNames<Ownership>.Name(ownership)} options: {string.Join(", ", fitting)}" : null);
                    preset = null;
                }
            }
        }
        else
        {
            preset = BuildoutPreset.DefaultPreset(catalog, ownership);
            if (preset is null)
                diagnostics.Error(DiagnosticCodes.MissingField, at, field + ".preset", null,
                    $"the catalog has no default build-out for {EnumNames<Ownership>.Name(ownership)} options", "name one: buildout: {preset: ...}");
        }

        if (preset is null && phasesReader is null)
        {
            section?.Accept("ramp");
            return unresolved;
        }

        // With custom phases the ramp is the scenario's alone; otherwise it adjusts the preset's.
        var rampReader = section?.Map("ramp");
        var ramp = rampReader is null
            ? (phasesReader is null ? preset?.Ramp : null)
            : PhaseReader.Ramp(rampReader, phasesReader is null ? preset?.Ramp : null, "ramp", sources);
        rampReader?.Finish();

        if (leadTime is not null && ownership != Ownership.Rented)
        {
            diagnostics.Error(DiagnosticCodes.Inconsistent, section!.Node("lead_time")!.Location, field + ".lead_time", null,
                "lead_time applies to rented options; an owned option's time comes from its phases", "remove it, or change the phases of the build-out");
            return unresolved;
        }
        if (first is not null && first > context.Gpus && context.Gpus > 0)
        {
            diagnostics.Error(DiagnosticCodes.OutOfRange, section!.Node("first_training_gpus")!.Location, field + ".first_training_gpus", first.Value.Inv(),
                $"is more than the option's {context.Gpus.Inv()} GPUs", $"use at most {context.Gpus.Inv()}");
            return unresolved;
        }
        if (preset is null || startBad || (phasesReader is not null && phases is null) || (rampReader is not null && ramp is null))
        {
            // Still check the graph of phases that were read, so that every problem shows at once.
            if (phases is not null) PhaseGraph.Validate(phases, rampReader is null ? null : ramp, at, field, diagnostics);
            return unresolved;
        }

        var modelPhases = phases ?? preset.Phases;
        if (leadTime is { } lt)
        {
            int i = modelPhases.ToList().FindIndex(p => p.Name == "lead_time");
            if (i < 0)
            {
                diagnostics.Error(DiagnosticCodes.Inconsistent, section!.Node("lead_time")!.Location, field + ".lead_time", null,
                    $"the build-out has no phase named lead_time to set", "name the phase lead_time, or set its duration under phases");
                return unresolved;
            }
            var replaced = modelPhases.ToList();
            replaced[i] = replaced[i] with { Duration = lt, Source = sources.Fallback };
            modelPhases = replaced;
        }
        if (phases is not null || rampReader is not null)
        {
            if (!PhaseGraph.Validate(modelPhases, ramp, at, field, diagnostics)) return unresolved;
        }

        var settings = new BuildoutSettings
        {
            Preset = phases is null ? preset.Id : CustomPreset, PresetIsDefault = presetId is null,
            Start = start ?? preset.DefaultStart, StartIsDefault = start is null, LeadTime = leadTime,
        };
        if (context.Node is null || context.Gpus < 1) return settings;
        var model = BuildoutModel.FromPreset(preset, context.Gpus, context.Node.GpusPerNode, settings.Start, first) with
        {
            Preset = settings.Preset,
            Description = phases is null ? preset.Name : $"phases written in {context.Scenario.File}",
            Phases = modelPhases,
            Ramp = ramp,
        };
        return settings with { Model = model };
    }
}
