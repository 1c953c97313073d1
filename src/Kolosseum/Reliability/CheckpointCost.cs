using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Reliability;

/// <summary>Where checkpoints go: a number of catalog storage units, and the bandwidth the job gets from them.</summary>
public sealed record CheckpointStorage(StorageSpec Spec, int Units, bool AutoSized)
{
    public BytesPerSecond Write => Spec.WriteBandwidth * Units;
    public BytesPerSecond Read => Spec.ReadBandwidth * Units;

    /// <summary>Units sized so that every GPU gets <paramref name="readPerGpu"/> of read bandwidth (DGX SuperPOD sizing rule).</summary>
    public static CheckpointStorage Sized(StorageSpec spec, long gpus, BytesPerSecond readPerGpu)
    {
        double units = Math.Ceiling(gpus * readPerGpu.Value / spec.ReadBandwidth.Value);
        return new CheckpointStorage(spec, (int)Math.Clamp(units, 1, int.MaxValue), AutoSized: true);
    }
}

/// <summary>
/// What one checkpoint costs the job. Training stops for <see cref="Blocking"/>; the checkpoint can be
/// restored once <see cref="Durable"/> has passed since it started; a restart reads it back in <see cref="Load"/>.
/// Sync: staging and the whole write block. Async: only staging the shard in host memory blocks, storage
/// is written in the background. In-memory: the staged shard is copied to a peer node and restarts load from memory.
/// </summary>
public sealed record CheckpointCost
{
    public required CheckpointMode Mode { get; init; }
    public required Bytes Size { get; init; }
    public required Bytes ShardPerGpu { get; init; }
    public required CheckpointStorage Storage { get; init; }

    /// <summary>Write rate the job reaches: the storage, or the nodes' front-end links, whichever is slower.</summary>
    public required BytesPerSecond WriteBandwidth { get; init; }
    public required BytesPerSecond ReadBandwidth { get; init; }

    public required Duration Blocking { get; init; }

    /// <summary>Time to put the whole checkpoint on storage (background for async).</summary>
    public required Duration PersistTime { get; init; }

    public required Duration Durable { get; init; }
    public required Duration Load { get; init; }

    /// <summary>Before a planned stop the job waits until its checkpoint is durable.</summary>
    public Duration PlannedStop => Durable;

    public static CheckpointCost For(ReliabilityJob job, CheckpointMode mode, CheckpointStorage storage, ReliabilityProfile profile)
    {
        var frontend = job.NodeFrontendBandwidth * job.Nodes;
        var write = storage.Write < frontend ? storage.Write : frontend;
        var read = storage.Read < frontend ? storage.Read : frontend;
        var shard = job.ShardPerGpu;
        Duration persist = job.CheckpointSize / write;
        Duration stage = shard / profile.HostCopyBandwidth;
        Duration blocking, durable, load;
        switch (mode)
        {
            case CheckpointMode.Sync:
                // Async minus the background: the job also waits for the storage write.
                blocking = profile.CheckpointStagingOverhead + stage + persist;
                durable = blocking;
                load = job.CheckpointSize / read;
                break;
            case CheckpointMode.Async:
                blocking = profile.CheckpointStagingOverhead + stage;
                durable = blocking + persist;
                load = job.CheckpointSize / read;
                break;
            default:
                // The snapshot to host memory is pipelined with compute (CheckFreq, FAST'21: overhead within
                // 3.5% at per-iteration frequency), so only the copy blocks. Peer replica over the back-end network (SemiAnalysis: 80 GB at 400 Gb/s in about 1.6 s).
                Duration replicate = shard / job.BackendBandwidthPerGpu;
                blocking = stage;
                durable = stage + replicate;
                load = replicate;
                break;
        }
        return new CheckpointCost
        {
            Mode = mode, Size = job.CheckpointSize, ShardPerGpu = shard, Storage = storage, WriteBandwidth = write, ReadBandwidth = read,
            Blocking = blocking, PersistTime = persist, Durable = durable, Load = load,
        };
    }
}

/// <summary>
/// Time from an unexpected failure to training again: detection + rescheduling (swap in a spare,
/// relaunch) + process-group initialisation (growing with the node count) + checkpoint load + warm-up.
/// </summary>
public sealed record RestartCost
{
    public required Duration Detection { get; init; }
    public required Duration Rescheduling { get; init; }
    public required Duration ProcessGroupInit { get; init; }
    public required Duration CheckpointLoad { get; init; }
    public required Duration Warmup { get; init; }

    public Duration Total => Detection + AfterDetection;
    public Duration AfterDetection => Rescheduling + ProcessGroupInit + CheckpointLoad + Warmup;

    /// <summary>The first start: initialisation and warm-up, nothing to detect or load.</summary>
    public Duration Startup => ProcessGroupInit + Warmup;

    public static RestartCost For(ReliabilityJob job, CheckpointCost checkpoint, ReliabilityProfile profile) => new()
    {
        Detection = profile.Detection,
        Rescheduling = profile.Rescheduling,
        ProcessGroupInit = profile.ProcessGroupInitBase + profile.ProcessGroupInitPerNode * job.Nodes,
        CheckpointLoad = checkpoint.Load,
        Warmup = profile.Warmup,
    };

    /// <summary>Every component scaled by <paramref name="k"/> except the checkpoint load (a what-if of faster recovery tooling).</summary>
    public RestartCost Scaled(double k) => this with
    {
        Detection = Detection * k, Rescheduling = Rescheduling * k, ProcessGroupInit = ProcessGroupInit * k, Warmup = Warmup * k,
    };
}
