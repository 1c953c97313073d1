namespace Kolosseum.Fabric;

/// <summary>Ports of one switch of a tier: towards the nodes (down) and towards the next tier (up).</summary>
public readonly record struct TierPorts(int Down, int Up);

/// <summary>
/// How the ports of k-port switches are split in a folded-Clos (fat) tree of T tiers: every tier below
/// the top sends half its ports up (non-blocking), except the tier just below the top, which splits
/// down:up = r:1 when the top tier is oversubscribed; the top tier faces down only (docs/fabric.md).
/// </summary>
public sealed record TreeShape
{
    public required int Radix { get; init; }
    public required int Tiers { get; init; }

    /// <summary>Index 0 is the leaf tier, index Tiers-1 the top.</summary>
    public required IReadOnlyList<TierPorts> Ports { get; init; }

    /// <summary>The oversubscription the top boundary actually has after rounding ports to whole numbers.</summary>
    public double Oversubscription => Tiers < 2 ? 1 : (double)Ports[Tiers - 2].Down / Ports[Tiers - 2].Up;

    public TierPorts Tier(int level) => Ports[level - 1];

    /// <summary>The most leaves one unit of a level holds: a leaf, a pod of d2 leaves, d3 pods...</summary>
    public long LeafCapacity(int level)
    {
        long leaves = 1;
        for (int l = 2; l <= level; l++) leaves = checked(leaves * Ports[l - 1].Down);
        return leaves;
    }

    public static TreeShape Of(int radix, int tiers, double oversubscription)
    {
        if (radix < 2) throw new ArgumentOutOfRangeException(nameof(radix), "a switch needs at least 2 ports");
        if (tiers is < 2 or > 4) throw new ArgumentOutOfRangeException(nameof(tiers), "fat trees here have 2 to 4 tiers");
        var ports = new TierPorts[tiers];
        for (int t = 1; t <= tiers; t++)
        {
            if (t == tiers) ports[t - 1] = new TierPorts(radix, 0);
            else if (t == tiers - 1) ports[t - 1] = Split(radix, oversubscription);
            else ports[t - 1] = new TierPorts(radix / 2, radix / 2);
        }
        return new TreeShape { Radix = radix, Tiers = tiers, Ports = ports };
    }

    /// <summary>The most down ports d with d + ceil(d / r) ≤ k: r = 1 gives k/2 : k/2, r = 7 on 64 ports gives 56 : 8.</summary>
    public static TierPorts Split(int radix, double oversubscription)
    {
        for (int down = radix - 1; down >= 1; down--)
        {
            int up = (int)Math.Ceiling(down / oversubscription - 1e-9);
            if (up >= 1 && down + up <= radix) return new TierPorts(down, up);
        }
        return new TierPorts(1, 1);
    }
}

/// <summary>
/// How nodes hang off the leaves. The links of a node are split over <see cref="Rails"/> rails; each
/// rail of a group of nodes ends on its own leaf. Rails = links per node is the rail-optimised design
/// (link i of every node on leaf i: a scalable unit of d1 nodes uses one leaf per rail); rails = 1 is
/// top-of-rack (all links of a node on one leaf, which holds floor(d1 / links) whole nodes).
/// </summary>
public sealed record NodeLayout(int Rails, int LinksPerNode, int LeafDownPorts)
{
    public bool RailOptimized => Rails > 1;

    /// <summary>Links one node sends to each of its leaves.</summary>
    public int LinksPerLeaf => LinksPerNode / Rails;

    /// <summary>Nodes one leaf group serves.</summary>
    public long NodesPerGroup => LeafDownPorts / LinksPerLeaf;

    /// <summary>Leaves per group: one per rail.</summary>
    public int LeavesPerGroup => Rails;

    public bool Fits => NodesPerGroup >= 1;

    /// <summary>Nodes a unit of the given number of leaves can hold with whole groups.</summary>
    public long NodesFor(long leaves) => leaves / LeavesPerGroup * NodesPerGroup;

    public long LeavesFor(long nodes) => (nodes + NodesPerGroup - 1) / NodesPerGroup * LeavesPerGroup;
}
