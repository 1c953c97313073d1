namespace Kolosseum.Fabric;

/// <summary>Switches of one tier that use their ports alike: how many, the down links they terminate in total, up ports each.</summary>
public sealed record PortUse(long Switches, long DownLinks, int UpPorts)
{
    public PortUse Times(long k) => new(Switches * k, DownLinks * k, UpPorts);
}

/// <summary>The switches of one tier (1 = leaf) and how their ports are used.</summary>
public sealed record TierCount(int Level, IReadOnlyList<PortUse> Uses)
{
    public long Switches => Uses.Sum(u => u.Switches);
    public long DownLinks => Uses.Sum(u => u.DownLinks);

    /// <summary>Uplinks are provisioned in full on every switch, also where a unit below is partly filled (NVIDIA RA, 127 nodes: 1,024 leaf-spine cables).</summary>
    public long UpLinks => Uses.Sum(u => u.Switches * u.UpPorts);
}

/// <summary>Switch and link counts of one tree: the result of <see cref="TreeCounter.Count"/>.</summary>
public sealed record TreeCounts(TreeShape Shape, NodeLayout Layout, long Nodes, long IslandNodes, long Islands, IReadOnlyList<TierCount> Tiers)
{
    public long NodeLinks => Nodes * Layout.LinksPerNode;
    public long Switches => Tiers.Sum(t => t.Switches);

    /// <summary>Links between tier <paramref name="level"/> and the one above.</summary>
    public long LinksAbove(int level) => Tiers[level - 1].UpLinks;
}

/// <summary>
/// Counts switches tier by tier, bottom up. Spines are balanced: every leaf of a pod sends the same
/// number of links to each spine, so the spine count is the smallest divisor of the leaf uplinks that
/// gives enough ports (NVIDIA DGX SuperPOD RA Table 4: 3 SU = 24 leaves, 16 spines). Tiers above are
/// wired in planes and take ceil(uplinks / down ports) switches. Islands are the units below the top
/// tier; each is counted on its own, the top joins them. docs/fabric.md has the equations.
/// </summary>
public static class TreeCounter
{
    /// <summary>Lower units in build order: <c>Full</c> units of <c>FullTop</c> top switches each, then one last unit.</summary>
    private readonly record struct Units(long Full, long FullTop, long LastTop, bool HasLast)
    {
        public long Count => Full + (HasLast ? 1 : 0);
    }

    public static TreeCounts Count(TreeShape shape, NodeLayout layout, long nodes, long islandNodes)
    {
        int top = shape.Tiers;
        var tiers = new List<PortUse>[top];
        for (int i = 0; i < top; i++) tiers[i] = [];
        long islands;
        Units topUnits;
        if (top == 2)
        {
            islands = (nodes + layout.NodesPerGroup - 1) / layout.NodesPerGroup;
            tiers[0].AddRange(Leaves(layout, nodes, shape.Tier(1).Up));
            long leaves = layout.LeavesFor(nodes);
            topUnits = new Units(leaves, 1, 0, false);
            var (uses, _) = Group(shape, 2, topUnits, long.MaxValue);
            tiers[1].AddRange(uses);
        }
        else
        {
            islands = (nodes + islandNodes - 1) / islandNodes;
            long lastNodes = nodes - (islands - 1) * islandNodes;
            long fullTop = 0;
            if (islands > 1)
            {
                var (fullUses, fullIslandTop) = Island(shape, layout, islandNodes);
                for (int l = 0; l < top - 1; l++) tiers[l].AddRange(fullUses[l].Select(u => u.Times(islands - 1)));
                fullTop = fullIslandTop;
            }
            var (lastUses, lastTop) = Island(shape, layout, lastNodes);
            for (int l = 0; l < top - 1; l++) tiers[l].AddRange(lastUses[l]);
            topUnits = new Units(islands - 1, fullTop, lastTop, true);
            var (topUses, _) = Group(shape, top, topUnits, long.MaxValue);
            tiers[top - 1].AddRange(topUses);
        }
        var counts = tiers.Select((u, i) => new TierCount(i + 1, u.Where(x => x.Switches > 0).ToList())).ToList();
        // With two tiers the unit below the top is the leaf group; above that, the island.
        return new TreeCounts(shape, layout, nodes, top == 2 ? Math.Min(layout.NodesPerGroup, nodes) : Math.Min(islandNodes, nodes), islands, counts);
    }

    /// <summary>Tiers 1..T-1 of one island of <paramref name="nodes"/> nodes, and how many top switches it has.</summary>
    private static (List<PortUse>[] Uses, long TopSwitches) Island(TreeShape shape, NodeLayout layout, long nodes)
    {
        int islandTop = shape.Tiers - 1;
        var uses = new List<PortUse>[islandTop];
        uses[0] = Leaves(layout, nodes, shape.Tier(1).Up);
        var units = new Units(layout.LeavesFor(nodes), 1, 0, false);
        for (int level = 2; level <= islandTop; level++)
        {
            long groupSize = level == islandTop ? long.MaxValue : shape.Tier(level).Down;
            var (levelUses, next) = Group(shape, level, units, groupSize);
            uses[level - 1] = levelUses;
            units = next;
        }
        return (uses, units.Count == 1 ? (units.HasLast ? units.LastTop : units.FullTop) : units.Full * units.FullTop + units.LastTop);
    }

    private static List<PortUse> Leaves(NodeLayout layout, long nodes, int up)
    {
        long perGroup = layout.NodesPerGroup;
        long fullGroups = nodes / perGroup;
        long rest = nodes % perGroup;
        // Each leaf of a group terminates its rail's links of every node of the group.
        long linksPerLeafFull = perGroup * layout.LinksPerLeaf;
        long linksPerLeafRest = rest * layout.LinksPerLeaf;
        var result = new List<PortUse>();
        long leavesFull = fullGroups * layout.LeavesPerGroup;
        if (leavesFull > 0) result.Add(new PortUse(leavesFull, leavesFull * linksPerLeafFull, up));
        if (rest > 0) result.Add(new PortUse(layout.LeavesPerGroup, layout.LeavesPerGroup * linksPerLeafRest, up));
        return result;
    }

    /// <summary>Groups the lower units <paramref name="groupSize"/> at a time under the switches of <paramref name="level"/>.</summary>
    private static (List<PortUse> Uses, Units Next) Group(TreeShape shape, int level, Units lower, long groupSize)
    {
        int lowerUp = shape.Tier(level - 1).Up;
        var ports = shape.Tier(level);
        long total = lower.Count;
        long size = Math.Min(groupSize, total);
        long groups = (total + size - 1) / size;
        long fullGroups = groups - 1;
        long lastSize = total - fullGroups * size;
        long lastSwitchesBelow = lower.HasLast ? (lastSize - 1) * lower.FullTop + lower.LastTop : lastSize * lower.FullTop;
        var uses = new List<PortUse>();
        long fullS = 0;
        if (fullGroups > 0)
        {
            long below = size * lower.FullTop;
            fullS = Switches(level, below, lowerUp, ports.Down);
            uses.Add(new PortUse(fullGroups * fullS, fullGroups * below * lowerUp, ports.Up));
        }
        long lastS = Switches(level, lastSwitchesBelow, lowerUp, ports.Down);
        uses.Add(new PortUse(lastS, lastSwitchesBelow * lowerUp, ports.Up));
        return (uses, new Units(fullGroups, fullS, lastS, true));
    }

    /// <summary>Switches a unit needs at a level, given the switches below it and their uplinks.</summary>
    private static long Switches(int level, long switchesBelow, int upPerSwitchBelow, int downPorts)
    {
        long links = switchesBelow * upPerSwitchBelow;
        long needed = (links + downPorts - 1) / downPorts;
        if (level != 2) return needed;
        // Spines above leaves: the smallest divisor of the leaf uplinks that is at least `needed`.
        for (long s = Math.Max(1, needed); s < upPerSwitchBelow; s++)
            if (upPerSwitchBelow % s == 0) return s;
        return Math.Max(needed, upPerSwitchBelow);
    }
}
