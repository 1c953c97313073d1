using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>The network the performance model sees: the catalog's default fabric designed for this GPU count.</summary>
internal static class Networks
{
    public static ClusterNetwork For(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus) =>
        FabricNetwork.DefaultNetwork(catalog, gpu, node, gpus);
}
