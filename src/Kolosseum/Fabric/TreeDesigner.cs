using Kolosseum.Units;

namespace Kolosseum.Fabric;

/// <summary>What one fat tree must connect and with which parts and rules.</summary>
public sealed record TreeRequest
{
    public required string Name { get; init; }
    public required SwitchSpec Switch { get; init; }
    public required BytesPerSecond LinkSpeed { get; init; }
    public required long Nodes { get; init; }
    public required int GpusPerNode { get; init; }
    public required int LinksPerNode { get; init; }
    public required int NodePortsPerCage { get; init; }
    /// <summary>Rails the links of a node are split over: links per node (rail-optimised) down to 1 (top-of-rack).</summary>
    public required int Rails { get; init; }

    /// <summary>Null: the fewest tiers (2 to 4) that fit.</summary>
    public int? Tiers { get; init; }
    public required double Oversubscription { get; init; }

    /// <summary>Nodes per island; null: the largest unit below the top tier.</summary>
    public long? IslandNodes { get; init; }
    public required FloorPlan Floor { get; init; }

    /// <summary>Per-step latency at the NIC (levels add switch hops to it).</summary>
    public required Duration StepLatency { get; init; }
}

/// <summary>Designs one fat tree: picks the tier count, counts switches and links, plans media, prices it.</summary>
public static class TreeDesigner
{
    public static FabricOutcome<FabricDesign> Design(TreeRequest req, MediaPlanner.Parts parts)
    {
        int? radix = req.Switch.RadixAt(req.LinkSpeed);
        if (radix is null)
            return FabricOutcome<FabricDesign>.No($"{req.Switch.Name} has no {Gbps(req.LinkSpeed)} ports",
                "its ports run at " + string.Join(", ", req.Switch.PortSpeeds.Select(Gbps)));
        // One island that holds every node has no tier above it to oversubscribe.
        bool singleIsland = req.IslandNodes is { } one && one >= req.Nodes && req.Oversubscription > 1;
        if (singleIsland) req = req with { Oversubscription = 1 };
        string? lastReason = null;
        string? lastSuggestion = null;
        int[] candidates = req.Tiers is { } t ? [t] : [2, 3, 4];
        foreach (int tiers in candidates)
        {
            var shape = TreeShape.Of(radix.Value, tiers, req.Oversubscription);
            var layout = new NodeLayout(req.Rails, req.LinksPerNode, shape.Tier(1).Down);
            var (islandNodes, maxNodes, reason, suggestion) = Limits(req, shape, layout);
            if (reason is not null) { lastReason = reason; lastSuggestion = suggestion; continue; }
            var counts = TreeCounter.Count(shape, layout, req.Nodes, islandNodes);
            return Finish(req, parts, shape, counts, maxNodes, singleIsland);
        }
        return FabricOutcome<FabricDesign>.No(lastReason!, lastSuggestion);
    }

    /// <summary>Island size and the most nodes a tier count supports, or why it cannot hold these nodes.</summary>
    private static (long IslandNodes, long MaxNodes, string? Reason, string? Suggestion) Limits(TreeRequest req, TreeShape shape, NodeLayout layout)
    {
        int tiers = shape.Tiers;
        string name = $"{req.Switch.Name} at {Gbps(req.LinkSpeed)} ({shape.Radix.Inv()} ports)";
        if (req.Rails < 1 || req.LinksPerNode % req.Rails != 0)
            return (0, 0, $"{req.Rails.Inv()} rails do not divide a node's {req.LinksPerNode.Inv()} links", "use a divisor of the links per node");
        if (!layout.Fits)
            return (0, 0, $"a node's {layout.LinksPerLeaf.Inv()} links per rail do not fit on one leaf's {shape.Tier(1).Down.Inv()} down ports",
                "split the node's links over more rails (rail_optimized: true, or rails: N)");
        if (tiers >= 3 && req.Rails > shape.Tier(2).Down)
            return (0, 0, $"{req.Rails.Inv()} rails do not fit in a pod of {shape.Tier(2).Down.Inv()} leaves", "use fewer rails or a switch with more ports");
        if (tiers == 2)
        {
            long max2 = layout.NodesFor(shape.Tier(2).Down);
            if (req.IslandNodes is { } isl && isl < req.Nodes)
                return (0, max2, "islands need at least 3 tiers (the islands plus the tier that joins them)", "use tiers auto, 3 or 4");
            if (req.Nodes > max2)
                return (0, max2, $"{Gpus(req.Nodes, req)} GPUs exceed the {Gpus(max2, req)} that 2 tiers of {name} connect", "allow 3 tiers (tiers: auto)");
            return (layout.NodesPerGroup, max2, null, null);
        }
        long unitCap = layout.NodesFor(shape.LeafCapacity(tiers - 1));
        long island = req.IslandNodes is { } given && given < req.Nodes ? given : Math.Min(unitCap, req.Nodes);
        if (island > unitCap)
            return (0, 0, $"an island of {Gpus(island, req)} GPUs exceeds the {Gpus(unitCap, req)} that {(tiers - 1).Inv()} tiers of {name} connect below the top tier",
                tiers < 4 ? "allow one more tier (tiers: auto) or make the islands smaller" : "make the islands smaller or use a switch with more ports");
        long maxNodes = shape.Tier(tiers).Down * island;
        long islands = (req.Nodes + island - 1) / island;
        if (islands > shape.Tier(tiers).Down)
            return (0, maxNodes, $"{Gpus(req.Nodes, req)} GPUs need {islands.Inv()} islands but the top tier of {name} joins at most {shape.Tier(tiers).Down.Inv()} ({Gpus(maxNodes, req)} GPUs)",
                tiers < 4 ? "allow one more tier (tiers: auto), raise the oversubscription or use a switch with more ports" : "raise the oversubscription, make islands larger or use a switch with more ports");
        return (island, maxNodes, null, null);
    }

    private static FabricOutcome<FabricDesign> Finish(TreeRequest req, MediaPlanner.Parts parts, TreeShape shape, TreeCounts counts, long maxNodes, bool singleIsland)
    {
        var links = new List<LinkPlan>();
        var notes = new List<string>();
        int lpc = req.Switch.LinksPerCage(req.LinkSpeed);
        for (int lower = 0; lower < shape.Tiers; lower++)
        {
            long linkCount = lower == 0 ? counts.NodeLinks : counts.LinksAbove(lower);
            double length = req.Floor.LinkLength(Math.Min(UnitNodes(counts, lower + 1, req), req.Nodes));
            var group = new MediaPlanner.Group(LinkName(lower, shape.Tiers), lower, linkCount, length, counts.Tiers[lower],
                lower == 0 ? null : counts.Tiers[lower - 1], req.Nodes * ((req.LinksPerNode + req.NodePortsPerCage - 1) / req.NodePortsPerCage),
                req.NodePortsPerCage, lpc);
            var plan = MediaPlanner.Plan(group, req.LinkSpeed, parts, out string? problem);
            if (plan is null) return FabricOutcome<FabricDesign>.No(problem!, "add a longer-reach optic or cable to the catalog, or lower rack_pitch / cable_slack");
            links.Add(plan);
        }
        if (singleIsland)
            notes.Add("one island holds every node, so no tier joins islands and the oversubscription does not apply");
        var design = new FabricDesign
        {
            Name = req.Name, Switch = req.Switch, LinkSpeed = req.LinkSpeed, Radix = shape.Radix, Counts = counts,
            Gpus = req.Nodes * req.GpusPerNode, GpusPerNode = req.GpusPerNode, Rails = req.Rails,
            MaxGpus = maxNodes * req.GpusPerNode, Links = links, Bom = Bom(req, counts, links),
            Bisection = Bisection(req, counts), Levels = Levels(req, counts), Notes = notes,
        };
        return FabricOutcome<FabricDesign>.Of(design);
    }

    /// <summary>Nodes in one unit of a level: the leaf group, a pod, the island, the cluster.</summary>
    private static long UnitNodes(TreeCounts counts, int level, TreeRequest req)
    {
        var shape = counts.Shape;
        if (level >= shape.Tiers) return req.Nodes;
        if (level == 1) return counts.Layout.NodesPerGroup;
        if (level == shape.Tiers - 1) return counts.IslandNodes;
        return counts.Layout.NodesFor(shape.LeafCapacity(level));
    }

    private static string LinkName(int lower, int tiers)
    {
        string[] names = tiers switch
        {
            2 => ["node", "leaf", "spine"],
            3 => ["node", "leaf", "spine", "core"],
            _ => ["node", "leaf", "spine", "core", "top"],
        };
        return names[lower] + "-" + names[lower + 1];
    }

    public static string TierName(int level, int tiers) => tiers switch
    {
        2 => level == 1 ? "leaf" : "spine",
        3 => level switch { 1 => "leaf", 2 => "spine", _ => "core" },
        _ => level switch { 1 => "leaf", 2 => "spine", 3 => "core", _ => "top" },
    };

    private static List<BomLine> Bom(TreeRequest req, TreeCounts counts, List<LinkPlan> links)
    {
        var bom = new List<BomLine>();
        var sw = req.Switch;
        foreach (var tier in counts.Tiers)
            bom.Add(new BomLine(BomCategory.Switch, sw.Id, sw.Name, TierName(tier.Level, counts.Shape.Tiers), tier.Switches, sw.Power, sw.Price));
        foreach (var l in links)
        {
            if (l.UpperOptic is { } up) bom.Add(new BomLine(BomCategory.Transceiver, up.Id, up.Name, l.Name + " switch end", l.UpperOptics, up.Power, up.Price));
            if (l.LowerOptic is { } lo) bom.Add(new BomLine(BomCategory.Transceiver, lo.Id, lo.Name, l.Name + (l.LowerTier == 0 ? " node end" : " lower end"), l.LowerOptics, lo.Power, lo.Price));
            bom.Add(new BomLine(BomCategory.Cable, l.Cable.Id, l.Cable.Name, l.Name, l.Cables, l.Cable.Power, l.Cable.Price));
        }
        return bom;
    }

    private static BytesPerSecond Bisection(TreeRequest req, TreeCounts counts)
    {
        long nodeLinks = counts.NodeLinks;
        long crossing = counts.Islands > 1 ? Math.Min(nodeLinks, counts.LinksAbove(counts.Shape.Tiers - 1)) : nodeLinks;
        return req.LinkSpeed * (crossing / 2.0);
    }

    private static List<FabricLevel> Levels(TreeRequest req, TreeCounts counts)
    {
        var result = new List<FabricLevel>();
        var shape = counts.Shape;
        long gpus = req.Nodes * req.GpusPerNode;
        var perGpu = req.LinkSpeed * ((double)req.LinksPerNode / req.GpusPerNode) * req.Switch.CollectiveEfficiency;
        for (int level = 1; level <= shape.Tiers; level++)
        {
            bool top = level == shape.Tiers;
            long within = top ? gpus : Math.Min(UnitNodes(counts, level, req) * req.GpusPerNode, gpus);
            bool wholeCluster = within >= gpus;
            double over = top && counts.Islands > 1 ? shape.Oversubscription : 1;
            int hops = 2 * level - 1;
            string name = wholeCluster ? "cluster" : level == 1 ? (req.Rails > 1 ? "rail group" : "leaf") : level == shape.Tiers - 1 ? "island" : "pod";
            var latency = req.StepLatency + req.Switch.HopLatency * (hops - 1);
            result.Add(new FabricLevel(name, within, over, hops, perGpu / over, latency));
            if (wholeCluster) break;
        }
        return result;
    }

    public static string Gbps(BytesPerSecond s) => UnitFormat.Number(s.Gbitps) + " Gb/s";

    private static string Gpus(long nodes, TreeRequest req) => (nodes * req.GpusPerNode).Inv();
}
