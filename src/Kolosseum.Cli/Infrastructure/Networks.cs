using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Units;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>The network the performance model sees for a GPU, node and GPU count.</summary>
internal static class Networks
{
    public static ClusterNetwork For(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus) =>
        ClusterNetworks.NonBlocking(gpu, node, gpus, 0.80, Duration.FromSeconds(15e-6));
}
