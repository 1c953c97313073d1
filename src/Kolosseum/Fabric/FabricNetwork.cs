using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Scenarios;

namespace Kolosseum.Fabric;

/// <summary>
/// The bridge to the performance model: turns a designed back-end fabric into the
/// <see cref="ClusterNetwork"/> the step-time model reads (scale-up from the GPU, scale-out from the
/// NICs and the switch technology, levels from the islands and the oversubscribed tiers).
/// </summary>
public static class FabricNetwork
{
    public static ClusterNetwork ToClusterNetwork(FabricDesign backend, GpuSpec gpu, NodeSpec node, NicSpec nic) => new()
    {
        ScaleUpDomain = gpu.ScaleUpDomain,
        ScaleUpHost = node.GpusPerHost,
        ScaleUpBandwidth = gpu.ScaleUpBandwidth,
        ScaleUpEfficiency = gpu.Efficiency.ScaleUp,
        ScaleUpLatency = gpu.Efficiency.ScaleUpLatency,
        ScaleOutBandwidth = node.BackendBandwidthPerGpu,
        ScaleOutEfficiency = backend.Switch.CollectiveEfficiency,
        ScaleOutLatency = nic.StepLatency,
        SwitchHopLatency = backend.Switch.HopLatency,
        InNetworkReduction = backend.Switch.InNetworkReduction,
        Levels = [.. backend.Levels.Select(l => new NetworkLevel(l.Name, l.GpusWithin, l.Oversubscription, l.SwitchHops))],
    };

    /// <summary>The network of a cluster option of a loaded scenario (its <c>fabric:</c> section, defaults filled in).</summary>
    public static ClusterNetwork ForOption(Catalog.Catalog catalog, ClusterOption option) =>
        Build(catalog, option.Gpu, option.Node, option.Gpus,
            option.Sections.TryGet<FabricSettings>(out var s) ? s : FabricSettings.Defaults(catalog, option.Node.Id, option.Gpu.Id, option.Gpus));

    /// <summary>The network of the catalog's default fabric for this node and GPU count.</summary>
    public static ClusterNetwork DefaultNetwork(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus) =>
        Build(catalog, gpu, node, gpus, FabricSettings.Defaults(catalog, node.Id, gpu.Id, gpus));

    /// <summary>
    /// The default network, or why none exists: for inputs that no scenario check has seen (command-line
    /// flags, rows of a CSV), where 10 million GPUs may simply be more than the default switches can join.
    /// </summary>
    public static (ClusterNetwork? Network, string? Problem) TryDefaultNetwork(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus)
    {
        var outcome = FabricDesigner.Backend(catalog, gpu, node, gpus, FabricSettings.Defaults(catalog, node.Id, gpu.Id, gpus));
        if (!outcome.Ok) return (null, outcome.Infeasible);
        return (ToClusterNetwork(outcome.Design!, gpu, node, catalog.Get<NicSpec>(node.BackendNicId)), null);
    }

    /// <summary>
    /// Throws when no design exists: a loaded scenario has been checked already (the <c>fabric</c> section
    /// reports an infeasible choice as a diagnostic), so reaching it here is a bug in the caller.
    /// </summary>
    private static ClusterNetwork Build(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, FabricSettings settings)
    {
        var outcome = FabricDesigner.Backend(catalog, gpu, node, gpus, settings);
        if (!outcome.Ok)
            throw new InvalidOperationException($"no fabric for {gpus} x {gpu.Id} on {node.Id}: {outcome.Infeasible}");
        return ToClusterNetwork(outcome.Design!, gpu, node, catalog.Get<NicSpec>(node.BackendNicId));
    }
}
