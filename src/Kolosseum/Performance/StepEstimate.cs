namespace Kolosseum.Performance;

/// <summary>
/// The estimate for one layout: time of one optimizer step and its breakdown, memory per GPU (the
/// fullest pipeline stage) and its breakdown, and throughput. Plain doubles in SI units (seconds,
/// bytes) so the search can produce millions without allocating; <see cref="StepReport"/> wraps it with units.
/// The time parts add up to <see cref="StepTime"/>.
/// </summary>
public struct StepEstimate
{
    public double StepTime;

    /// <summary>Matrix multiplies, attention and memory-bound kernels on the critical pipeline stage (recompute included).</summary>
    public double Compute;

    /// <summary>The part of <see cref="Compute"/> spent recomputing activations.</summary>
    public double Recompute;

    public double TpExposed;
    public double CpExposed;
    public double EpExposed;
    public double PpExposed;

    /// <summary>Idle time of the pipeline: warm-up/cool-down bubble plus stage imbalance.</summary>
    public double Bubble;

    public double DpExposed;
    public double Optimizer;

    /// <summary>Data-parallel communication before overlap with backward/forward compute.</summary>
    public double DpTotal;

    public double WeightBytes;
    public double GradientBytes;
    public double OptimizerBytes;
    public double ActivationBytes;

    /// <summary>Runtime reserve: CUDA context, communication buffers, workspaces and allocator fragmentation.</summary>
    public double ReserveBytes;

    public double MemoryBytes;
    public double CapacityBytes;

    /// <summary>The pipeline stage the memory figures belong to: the fullest one (0 = first).</summary>
    public int FullestStage;

    public double TokensPerSecond;
    public double ModelFlopsPerStep;
    public double HardwareFlopsPerStep;
    public double Mfu;
    public double Hfu;

    public readonly bool Fits => MemoryBytes <= CapacityBytes;
}
