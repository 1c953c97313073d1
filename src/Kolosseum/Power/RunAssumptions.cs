using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Power;

/// <summary>
/// Stand-in figures for a training run when a command runs on its own (<c>kolosseum power</c>,
/// <c>kolosseum cost</c>) and the plan has not supplied the real ones from the performance and
/// reliability models. Every output that uses them names them.
/// </summary>
public sealed record RunAssumptions : ICatalogItem<RunAssumptions>
{
    public static string Kind => "run_profiles";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Model FLOPs utilisation: useful FLOPs / (GPUs x dense peak x time).</summary>
    public required double Mfu { get; init; }

    /// <summary>Time of one optimizer step.</summary>
    public required Duration StepTime { get; init; }

    /// <summary>How long the GPUs stall while a checkpoint is written.</summary>
    public required Duration CheckpointPause { get; init; }

    /// <summary>Detect, reschedule, reinitialise and reload after an interruption.</summary>
    public required Duration RestartTime { get; init; }

    /// <summary>Job-interrupting failures per GPU per hour.</summary>
    public required double InterruptionsPerGpuHour { get; init; }

    public static RunAssumptions? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        double? mfu = r.Quantity("mfu", Dimension.Percent, required: true, min: 0.01, max: 1);
        double? step = r.Quantity("step_time", Dimension.Duration, required: true, min: 1e-3, max: 3600);
        double? pause = r.Quantity("checkpoint_pause", Dimension.Duration, required: true, min: 0, max: 86400);
        double? restart = r.Quantity("restart_time", Dimension.Duration, required: true, min: 0, max: 7 * 86400);
        double? rate = r.Number("interruptions_per_gpu_hour", required: true, min: 0, max: 1, rangeHint: "Llama 3 saw 1.97e-5 per GPU-hour");
        if (name is null || mfu is null || step is null || pause is null || restart is null || rate is null) return null;
        return new RunAssumptions
        {
            Id = entry.Id, Name = name, Mfu = mfu.Value, StepTime = new Duration(step.Value), CheckpointPause = new Duration(pause.Value),
            RestartTime = new Duration(restart.Value), InterruptionsPerGpuHour = rate.Value,
        };
    }
}
