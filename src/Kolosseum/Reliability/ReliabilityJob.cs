using Kolosseum.Hardware;
using Kolosseum.Units;
using Kolosseum.Workload;

namespace Kolosseum.Reliability;

/// <summary>
/// The training job as the reliability model sees it: what it holds (GPUs, nodes, links, switches),
/// how much failure-free work it must do, and how big its checkpoint is. The plan pipeline fills this
/// from the cluster option, the fabric design and the performance model's step time.
/// </summary>
public sealed record ReliabilityJob
{
    public required long Gpus { get; init; }
    public required int GpusPerNode { get; init; }

    /// <summary>NIC-to-leaf links (one per back-end NIC): what per-link failure rates count against.</summary>
    public required long Links { get; init; }

    public required long Switches { get; init; }

    /// <summary>Failure-free compute time the run needs (steps x step time); null runs until <see cref="Window"/>.</summary>
    public Duration? Work { get; init; }

    /// <summary>Step time, when known: checkpoint intervals are whole steps.</summary>
    public Duration? StepTime { get; init; }

    public required Bytes CheckpointSize { get; init; }

    /// <summary>Front-end (storage) bandwidth of one node: caps checkpoint traffic per node.</summary>
    public required BytesPerSecond NodeFrontendBandwidth { get; init; }

    /// <summary>Back-end bandwidth of one GPU: in-memory recovery copies a shard from a peer over it.</summary>
    public required BytesPerSecond BackendBandwidthPerGpu { get; init; }

    /// <summary>Stop each trial after this much wall-clock time (count events in a fixed window); null: run to the end.</summary>
    public Duration? Window { get; init; }

    public long Nodes => (Gpus + GpusPerNode - 1) / GpusPerNode;

    /// <summary>Checkpoint bytes each GPU holds (the state is sharded over all GPUs).</summary>
    public Bytes ShardPerGpu => CheckpointSize / Gpus;

    /// <summary>
    /// A job on <paramref name="gpus"/> GPUs of a catalog node. Links are the nodes' back-end NICs; the
    /// switch count, when no fabric design gives it, is the leaf switches those links need.
    /// </summary>
    public static ReliabilityJob ForCluster(NodeSpec node, long gpus, Duration? work, Bytes checkpointSize, ReliabilityProfile profile,
        Duration? stepTime = null, Duration? window = null, long? links = null, long? switches = null)
    {
        long nodes = (gpus + node.GpusPerNode - 1) / node.GpusPerNode;
        long l = links ?? nodes * Math.Max(1, node.BackendNics);
        long s = switches ?? (l + profile.LeafSwitchDownPorts - 1) / profile.LeafSwitchDownPorts;
        return new ReliabilityJob
        {
            Gpus = gpus, GpusPerNode = node.GpusPerNode, Links = l, Switches = s, Work = work, StepTime = stepTime, CheckpointSize = checkpointSize,
            NodeFrontendBandwidth = node.FrontendBandwidth, BackendBandwidthPerGpu = node.BackendBandwidthPerGpu, Window = window,
        };
    }

    /// <summary>Checkpoint size of a model: every parameter times the profile's bytes per parameter (fp32 master, Adam m and v, bf16 weights).</summary>
    public static Bytes CheckpointSizeOf(ModelSpec model, ReliabilityProfile profile) =>
        new(WorkloadMath.Count(model).Total * profile.CheckpointBytesPerParameter);
}
