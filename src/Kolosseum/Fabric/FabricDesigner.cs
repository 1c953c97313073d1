using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Fabric;

/// <summary>
/// Designs the networks of a cluster from the node, its NICs and the fabric settings: the back-end (GPU
/// to GPU, rail-optimised fat tree with islands) and the simpler front-end and storage add-ons
/// (top-of-rack fat trees). Pure: the same inputs give the same design.
/// </summary>
public static class FabricDesigner
{
    /// <summary>More front-end links per node than any server has ports (a few dozen at most) by a wide margin.</summary>
    private const double MaxFrontendLinksPerNode = 10_000;

    public static FabricOutcome<ClusterFabric> Design(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, FabricSettings settings)
    {
        var backend = Backend(catalog, gpu, node, gpus, settings);
        if (!backend.Ok) return FabricOutcome<ClusterFabric>.No(backend.Infeasible!, backend.Suggestion);
        var parts = Parts(catalog);
        long nodes = backend.Design!.Nodes;
        // Counted in doubles first: a catalog override can ask for more front-end links than an int holds.
        double feLinks = Math.Ceiling(node.FrontendBandwidth.Value / settings.FrontendPortSpeed.Value - 1e-9);
        if (!(feLinks <= MaxFrontendLinksPerNode))
            return FabricOutcome<ClusterFabric>.No($"front-end: node {node.Id} would need {feLinks:G3} front-end links of {settings.FrontendPortSpeed.Value * 8 / 1e9:G4} Gb/s",
                "check the node's frontend_bandwidth and the fabric's frontend_port_speed");
        var fe = AddOn(catalog, parts, "front-end", settings.FrontendSwitchId, settings.FrontendPortSpeed,
            (int)feLinks, settings.FrontendOversubscription, nodes, node, settings);
        if (!fe.Ok) return FabricOutcome<ClusterFabric>.No("front-end: " + fe.Infeasible, fe.Suggestion);
        FabricDesign? storage = null;
        if (settings.StorageLinksPerNode > 0 && settings.StorageSwitchId is { } st && settings.StoragePortSpeed is { } stSpeed)
        {
            var so = AddOn(catalog, parts, "storage", st, stSpeed, settings.StorageLinksPerNode, 1, nodes, node, settings);
            if (!so.Ok) return FabricOutcome<ClusterFabric>.No("storage: " + so.Infeasible, so.Suggestion);
            storage = so.Design;
        }
        return FabricOutcome<ClusterFabric>.Of(new ClusterFabric(backend.Design, fe.Design!, storage));
    }

    /// <summary>The back-end fabric alone (what the performance model needs).</summary>
    public static FabricOutcome<FabricDesign> Backend(Catalog.Catalog catalog, GpuSpec gpu, NodeSpec node, long gpus, FabricSettings settings)
    {
        if (!catalog.TryGet<NicSpec>(node.BackendNicId, out var nic))
            return FabricOutcome<FabricDesign>.No($"node {node.Id} names back-end NIC '{node.BackendNicId}', which the catalog does not hold", "add it under catalog: nics:");
        if (!catalog.TryGet<SwitchSpec>(settings.SwitchId, out var sw))
            return FabricOutcome<FabricDesign>.No($"unknown switch '{settings.SwitchId}'", "see 'kolosseum catalog network'");
        long nodes = (gpus + node.GpusPerNode - 1) / node.GpusPerNode;
        int links = node.BackendNics * nic.Ports;
        long? islandNodes = settings.IslandGpus is { } ig ? Math.Max(1, ig / node.GpusPerNode)
            : settings.Islands is { } k ? (nodes + k - 1) / k : null;
        var req = new TreeRequest
        {
            Name = "back-end", Switch = sw, LinkSpeed = node.BackendNicBandwidth, Nodes = nodes, GpusPerNode = node.GpusPerNode,
            LinksPerNode = links, NodePortsPerCage = nic.PortsPerCage, Rails = settings.RailOptimized ? settings.Rails ?? links : 1,
            Tiers = settings.Tiers, Oversubscription = settings.Oversubscription, IslandNodes = islandNodes, Floor = settings.Floor,
            StepLatency = nic.StepLatency,
        };
        return TreeDesigner.Design(req, Parts(catalog));
    }

    private static FabricOutcome<FabricDesign> AddOn(Catalog.Catalog catalog, MediaPlanner.Parts parts, string name, string switchId, BytesPerSecond speed,
        int linksPerNode, double oversubscription, long nodes, NodeSpec node, FabricSettings settings)
    {
        if (!catalog.TryGet<SwitchSpec>(switchId, out var sw))
            return FabricOutcome<FabricDesign>.No($"unknown switch '{switchId}'", "see 'kolosseum catalog network'");
        var req = new TreeRequest
        {
            Name = name, Switch = sw, LinkSpeed = speed, Nodes = nodes, GpusPerNode = node.GpusPerNode, LinksPerNode = Math.Max(1, linksPerNode),
            NodePortsPerCage = 1, Rails = 1, Tiers = null, Oversubscription = oversubscription, Floor = settings.Floor,
            StepLatency = Duration.Zero,
        };
        return TreeDesigner.Design(req, parts);
    }

    private static MediaPlanner.Parts Parts(Catalog.Catalog catalog) => new(catalog.All<CableSpec>(), catalog.All<TransceiverSpec>());
}
