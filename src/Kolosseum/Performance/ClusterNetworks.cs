using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Performance;

/// <summary>Simple network descriptions built directly from a GPU and its node.</summary>
public static class ClusterNetworks
{
    /// <summary>
    /// A single non-blocking scale-out level: every GPU has its node's back-end NIC bandwidth to every other.
    /// The designed fabric (Fabric/) adds islands and oversubscribed tiers.
    /// </summary>
    public static ClusterNetwork NonBlocking(GpuSpec gpu, NodeSpec node, long gpus, double scaleOutEfficiency, Duration scaleOutLatency) => new()
    {
        ScaleUpDomain = Math.Min(gpu.ScaleUpDomain, Math.Max(1, node.GpusPerNode >= gpu.ScaleUpDomain ? gpu.ScaleUpDomain : node.GpusPerNode)),
        ScaleUpHost = node.GpusPerHost,
        ScaleUpBandwidth = gpu.ScaleUpBandwidth,
        ScaleUpEfficiency = gpu.Efficiency.ScaleUp,
        ScaleUpLatency = gpu.Efficiency.ScaleUpLatency,
        ScaleOutBandwidth = node.BackendBandwidthPerGpu,
        ScaleOutEfficiency = scaleOutEfficiency,
        ScaleOutLatency = scaleOutLatency,
        Levels = [new NetworkLevel("fabric", Math.Max(1, gpus), 1.0, 3)],
    };
}
