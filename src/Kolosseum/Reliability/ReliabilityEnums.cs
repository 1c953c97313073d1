namespace Kolosseum.Reliability;

/// <summary>How a checkpoint is taken.</summary>
public enum CheckpointMode
{
    /// <summary>Training stops until the whole checkpoint is on storage.</summary>
    Sync,

    /// <summary>Training stops only to stage the shard in host memory; storage is written in the background.</summary>
    Async,

    /// <summary>The shard is staged in host memory and replicated to a peer; restarts load from memory.</summary>
    InMemory,
}

/// <summary>Time between job failures: memoryless, or Weibull with a shape (shape below 1: failures cluster after a restart).</summary>
public enum FailureDistribution
{
    Exponential,
    Weibull,
}

/// <summary>What a job does when a node fails and no hot spare is left.</summary>
public enum SparePolicy
{
    /// <summary>Wait for a repaired node (synchronous training needs every node).</summary>
    Wait,

    /// <summary>Restart on fewer nodes and grow back at a later restart (elastic training).</summary>
    Shrink,
}
