using Kolosseum.Units;

namespace Kolosseum.Performance;

/// <summary>One named part of a breakdown (time or memory), for tables, JSON and charts.</summary>
public sealed record BreakdownPart(string Name, double Value);

/// <summary>
/// An estimate with units: the step-time and memory breakdowns in a fixed order, throughput, and days
/// to train the run's tokens. Built from a <see cref="StepEstimate"/> at the boundary of the hot path.
/// </summary>
public sealed record StepReport
{
    public required Layout Layout { get; init; }
    public required long Gpus { get; init; }

    /// <summary>Sequences per step the estimate is for: a search over batches compares layouts at different batches.</summary>
    public int GlobalBatch { get; init; }

    public required Duration StepTime { get; init; }

    /// <summary>Seconds per step by cause; adds up to <see cref="StepTime"/>.</summary>
    public required IReadOnlyList<BreakdownPart> Time { get; init; }

    /// <summary>Bytes per GPU of the fullest pipeline stage (<see cref="FullestStage"/>) by cause; adds up to <see cref="Memory"/>.</summary>
    public required IReadOnlyList<BreakdownPart> MemoryParts { get; init; }

    /// <summary>The pipeline stage <see cref="MemoryParts"/> and <see cref="Memory"/> belong to: the fullest (0 = first).</summary>
    public int FullestStage { get; init; }

    /// <summary>Memory per GPU of every pipeline stage, first to last; the largest is <see cref="Memory"/>.</summary>
    public IReadOnlyList<Bytes> MemoryByStage { get; init; } = [];

    public required Bytes Memory { get; init; }
    public required Bytes Capacity { get; init; }
    public required double TokensPerSecond { get; init; }
    public required double Mfu { get; init; }
    public required double Hfu { get; init; }
    public required FlopsPerSecond ModelFlopsPerGpu { get; init; }
    public required double Steps { get; init; }
    public required Duration TrainTime { get; init; }
    public required Duration DataParallelTotal { get; init; }

    public bool Fits => Memory <= Capacity;

    public static StepReport From(PerformanceModel model, in Layout layout, in StepEstimate e)
    {
        var time = new List<BreakdownPart>
        {
            new("compute", e.Compute - e.Recompute),
            new("recompute", e.Recompute),
            new("tp_communication", e.TpExposed),
            new("cp_communication", e.CpExposed),
            new("ep_communication", e.EpExposed),
            new("pp_communication", e.PpExposed),
            new("pipeline_bubble", e.Bubble),
            new("dp_communication", e.DpExposed),
            new("optimizer", e.Optimizer),
        };
        var memory = new List<BreakdownPart>
        {
            new("weights", e.WeightBytes),
            new("gradients", e.GradientBytes),
            new("optimizer_states", e.OptimizerBytes),
            new("activations", e.ActivationBytes),
            new("runtime_reserve", e.ReserveBytes),
        };
        double steps = model.Training.Steps;
        return new StepReport
        {
            Layout = layout,
            Gpus = layout.Gpus,
            GlobalBatch = model.Training.GlobalBatch,
            StepTime = new Duration(e.StepTime),
            Time = time,
            MemoryParts = memory,
            FullestStage = e.FullestStage,
            MemoryByStage = [.. model.MemoryByStage(layout).Select(b => new Bytes(b))],
            Memory = new Bytes(e.MemoryBytes),
            Capacity = new Bytes(e.CapacityBytes),
            TokensPerSecond = e.TokensPerSecond,
            Mfu = e.Mfu,
            Hfu = e.Hfu,
            ModelFlopsPerGpu = new FlopsPerSecond(e.ModelFlopsPerStep / (e.StepTime * layout.Gpus)),
            Steps = steps,
            TrainTime = new Duration(steps * e.StepTime),
            DataParallelTotal = new Duration(e.DpTotal),
        };
    }

    /// <summary>"needs 97.3 GiB of 80 GiB: activations 61.2, optimizer states 22.0, ..." for a layout that does not fit.</summary>
    public string DoesNotFitMessage()
    {
        var parts = MemoryParts.OrderByDescending(p => p.Value)
            .Select(p => $"{p.Name.Replace('_', ' ')} {(p.Value / Bytes.GiBFactor).Inv("0.0")}");
        return $"needs {Memory.GiB.Inv("0.0")} GiB of {Capacity.GiB.Inv("0.0")} GiB: {string.Join(", ", parts)}";
    }
}
