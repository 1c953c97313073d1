using Kolosseum.Units;

namespace Kolosseum.Fabric;

/// <summary>
/// The links between two tiers (or between the nodes and the leaves): how many, how long, on which
/// medium, and the cables and transceivers that make them.
/// </summary>
public sealed record LinkPlan
{
    /// <summary>"node-leaf", "leaf-spine", "spine-core", "core-top".</summary>
    public required string Name { get; init; }

    /// <summary>The lower tier (0 = nodes).</summary>
    public required int LowerTier { get; init; }
    public required long Links { get; init; }
    public required double LengthMeters { get; init; }
    public required LinkMedium Medium { get; init; }
    public required CableSpec Cable { get; init; }
    public required long Cables { get; init; }

    /// <summary>Optic at the upper (switch) end; null for copper and active optical cables.</summary>
    public TransceiverSpec? UpperOptic { get; init; }
    public long UpperOptics { get; init; }

    /// <summary>Optic at the lower end (a switch, or the node's NIC cage).</summary>
    public TransceiverSpec? LowerOptic { get; init; }
    public long LowerOptics { get; init; }
}

/// <summary>What a part of the bill of materials is.</summary>
public enum BomCategory
{
    Switch,
    Transceiver,
    Cable,
}

/// <summary>One line of the bill of materials.</summary>
public sealed record BomLine(BomCategory Category, string Id, string Name, string Role, long Count, Watts UnitPower, Usd UnitPrice)
{
    public Watts Power => UnitPower * Count;
    public Usd Cost => UnitPrice * Count;
}

/// <summary>
/// One level of the fabric as a collective sees it: GPUs within it, the oversubscription it pays, switch
/// hops across it, and the resulting bandwidth per GPU and latency per step.
/// </summary>
public sealed record FabricLevel(string Name, long GpusWithin, double Oversubscription, int SwitchHops, BytesPerSecond BandwidthPerGpu, Duration Latency);

/// <summary>A designed network (back-end, front-end or storage): shape, counts, parts, power, cost, bandwidth.</summary>
public sealed record FabricDesign
{
    public required string Name { get; init; }
    public required SwitchSpec Switch { get; init; }
    public required BytesPerSecond LinkSpeed { get; init; }
    public required int Radix { get; init; }
    public required TreeCounts Counts { get; init; }
    public required long Gpus { get; init; }
    public required int GpusPerNode { get; init; }
    /// <summary>Rails a node's links are split over (1 = top-of-rack).</summary>
    public required int Rails { get; init; }
    public bool RailOptimized => Rails > 1;

    /// <summary>The most GPUs this switch, tier count, oversubscription and island size can connect.</summary>
    public required long MaxGpus { get; init; }
    public required IReadOnlyList<LinkPlan> Links { get; init; }
    public required IReadOnlyList<BomLine> Bom { get; init; }

    /// <summary>Bandwidth across the worst cut that splits the nodes in half, one direction.</summary>
    public required BytesPerSecond Bisection { get; init; }

    /// <summary>From the innermost (one leaf hop) to the whole cluster.</summary>
    public required IReadOnlyList<FabricLevel> Levels { get; init; }

    /// <summary>Assumptions that shaped this design and deserve a reader's eye.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public int Tiers => Counts.Shape.Tiers;
    public long Nodes => Counts.Nodes;
    public long Islands => Counts.Islands;
    public double Oversubscription => Counts.Islands > 1 ? Counts.Shape.Oversubscription : 1;
    public long Switches => Counts.Switches;
    public long Transceivers => Bom.Where(b => b.Category == BomCategory.Transceiver).Sum(b => b.Count);
    public long CableCount => Bom.Where(b => b.Category == BomCategory.Cable).Sum(b => b.Count);
    public Watts Power => new(Bom.Sum(b => b.Power.Value));
    public Usd Cost => new(Bom.Sum(b => b.Cost.Value));
    public Watts PowerOf(BomCategory c) => new(Bom.Where(b => b.Category == c).Sum(b => b.Power.Value));
    public Usd CostOf(BomCategory c) => new(Bom.Where(b => b.Category == c).Sum(b => b.Cost.Value));
}

/// <summary>Every network of a cluster: the back-end that the performance model uses, and the simpler add-ons.</summary>
public sealed record ClusterFabric(FabricDesign Backend, FabricDesign Frontend, FabricDesign? Storage)
{
    public IEnumerable<FabricDesign> All => Storage is null ? [Backend, Frontend] : [Backend, Frontend, Storage];
    public Watts Power => new(All.Sum(d => d.Power.Value));
    public Usd Cost => new(All.Sum(d => d.Cost.Value));
}

/// <summary>A design, or the reason none exists for the inputs (too many GPUs for the tiers, no optic reaches...).</summary>
public sealed record FabricOutcome<T>(T? Design, string? Infeasible, string? Suggestion) where T : class
{
    public bool Ok => Design is not null;
    public static FabricOutcome<T> Of(T design) => new(design, null, null);
    public static FabricOutcome<T> No(string reason, string? suggestion = null) => new(null, reason, suggestion);
}
