using Kolosseum.Hardware;

namespace Kolosseum.Power;

/// <summary>What a cluster is made of, counted: GPUs, the nodes that hold them, storage units and the network.</summary>
public sealed record ClusterInventory
{
    public required GpuSpec Gpu { get; init; }
    public required NodeSpec Node { get; init; }
    public required long Gpus { get; init; }
    public required StorageSpec Storage { get; init; }
    public required long StorageUnits { get; init; }
    public required NetworkLoad Network { get; init; }
    public required ClusterSizing Sizing { get; init; }

    public long Nodes => (Gpus + Node.GpusPerNode - 1) / Node.GpusPerNode;

    /// <summary>
    /// Counts the parts for <paramref name="gpus"/> GPUs. Storage units follow the sizing rule: enough units that
    /// their read bandwidth covers the per-node aggregate (at least one).
    /// </summary>
    public static ClusterInventory Build(GpuSpec gpu, NodeSpec node, long gpus, ClusterSizing sizing, StorageSpec storage, NetworkLoad network)
    {
        if (gpus < 1) throw new ArgumentOutOfRangeException(nameof(gpus), gpus, "a cluster needs at least one GPU");
        if (node.GpuId != gpu.Id) throw new ArgumentException($"node {node.Id} holds {node.GpuId}, not {gpu.Id}", nameof(node));
        long nodes = (gpus + node.GpusPerNode - 1) / node.GpusPerNode;
        double needed = nodes * sizing.StorageReadPerNode.Value;
        long units = Math.Max(1, (long)Math.Ceiling(needed / storage.ReadBandwidth.Value - 1e-9));
        return new ClusterInventory { Gpu = gpu, Node = node, Gpus = gpus, Storage = storage, StorageUnits = units, Network = network, Sizing = sizing };
    }

    /// <summary>
    /// The inventory of a scenario's cluster option: storage by the power section's sizing rule, network from the given
    /// load (<see cref="FabricLoad.ForOption"/> designs it), else the approximation.
    /// </summary>
    public static ClusterInventory ForOption(Scenarios.ClusterOption option, PowerSettings power, Catalog.Catalog catalog, NetworkLoad? network = null) =>
        Build(option.Gpu, option.Node, option.Gpus, power.Sizing, catalog.Get<StorageSpec>(power.Sizing.StorageId), network ?? NetworkLoad.Approximate(option.Gpus));

    /// <summary>The same kind of cluster at another size (network scaled in proportion).</summary>
    public ClusterInventory WithGpus(long gpus) => Build(Gpu, Node, gpus, Sizing, Storage, Network.ScaledTo(gpus));
}
