using Kolosseum.Fabric;
using Kolosseum.Hardware;

namespace Kolosseum.Tests.Fabric;

/// <summary>Shorthands for designing fabrics from the embedded catalog in tests.</summary>
internal static class FabricTestKit
{
    public static Kolosseum.Catalog.Catalog Parts => Kolosseum.Catalog.Catalog.Embedded;

    public static ClusterFabric Design(string node, long gpus, Func<FabricSettings, FabricSettings>? change = null)
    {
        var outcome = TryDesign(node, gpus, change);
        Assert.True(outcome.Ok, outcome.Infeasible);
        return outcome.Design!;
    }

    public static FabricOutcome<ClusterFabric> TryDesign(string node, long gpus, Func<FabricSettings, FabricSettings>? change = null)
    {
        var n = Parts.Get<NodeSpec>(node);
        var gpu = Parts.Get<GpuSpec>(n.GpuId);
        var settings = FabricSettings.Defaults(Parts, n.Id, gpu.Id, gpus);
        if (change is not null) settings = change(settings);
        return FabricDesigner.Design(Parts, gpu, n, gpus, settings);
    }

    public static long Tier(FabricDesign d, int level) => d.Counts.Tiers[level - 1].Switches;

    public static LinkPlan Link(FabricDesign d, string name) => d.Links.Single(l => l.Name == name);
}
