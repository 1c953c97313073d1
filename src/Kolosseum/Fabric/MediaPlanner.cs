using Kolosseum.Units;

namespace Kolosseum.Fabric;

/// <summary>
/// Chooses the medium of each link group and counts cables and transceivers. Copper where the reach
/// allows, then active optical cables, multimode optics, single-mode, coherent: the first medium that
/// reaches wins, and within it the cheapest part per link (docs/fabric.md, "Cables and optics").
/// Every optical link has two ends; a switch-side cage carries <c>cage speed / link speed</c> links on
/// one (twin-port) transceiver, counted switch by switch.
/// </summary>
public static class MediaPlanner
{
    private static readonly LinkMedium[] Order = [LinkMedium.Copper, LinkMedium.ActiveOptical, LinkMedium.Multimode, LinkMedium.Singlemode, LinkMedium.Coherent];

    /// <summary>Parts the planner may choose from.</summary>
    public sealed record Parts(IReadOnlyList<CableSpec> Cables, IReadOnlyList<TransceiverSpec> Transceivers);

    /// <summary>One link group to plan: counts of each end and the length the floor plan gives.</summary>
    public sealed record Group(string Name, int LowerTier, long Links, double LengthMeters, TierCount Upper, TierCount? LowerSwitches,
        long NodeCages, int NodePortsPerCage, int LinksPerSwitchCage);

    public static LinkPlan? Plan(Group g, BytesPerSecond speed, Parts parts, out string? problem)
    {
        problem = null;
        foreach (var medium in Order)
        {
            var plan = medium switch
            {
                LinkMedium.Copper or LinkMedium.ActiveOptical => CablePlan(g, medium, speed, parts),
                _ => OpticalPlan(g, medium, speed, parts),
            };
            if (plan is not null) return plan;
        }
        problem = $"no cable or transceiver in the catalog reaches {UnitFormat.Number(g.LengthMeters)} m at {UnitFormat.Number(speed.Gbitps)} Gb/s for the {g.Name} links";
        return null;
    }

    private static LinkPlan? CablePlan(Group g, LinkMedium medium, BytesPerSecond speed, Parts parts)
    {
        var cable = parts.Cables
            .Where(c => c.Medium == medium && c.Speed is { } s && SameSpeed(s, speed) && c.ReachMeters >= g.LengthMeters)
            .OrderBy(c => c.Price.Value / c.Links).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
        if (cable is null) return null;
        return new LinkPlan
        {
            Name = g.Name, LowerTier = g.LowerTier, Links = g.Links, LengthMeters = g.LengthMeters, Medium = medium,
            Cable = cable, Cables = (g.Links + cable.Links - 1) / cable.Links,
        };
    }

    private static LinkPlan? OpticalPlan(Group g, LinkMedium medium, BytesPerSecond speed, Parts parts)
    {
        var fiberKind = medium == LinkMedium.Multimode ? CableKind.MultimodeFiber : CableKind.SinglemodeFiber;
        var fiber = parts.Cables.Where(c => c.CableKind == fiberKind && c.ReachMeters >= g.LengthMeters)
            .OrderBy(c => c.Price.Value).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
        var upper = Optic(parts, medium, speed, g.LinksPerSwitchCage, g.LengthMeters);
        int lowerPorts = g.LowerSwitches is null ? g.NodePortsPerCage : g.LinksPerSwitchCage;
        var lower = Optic(parts, medium, speed, lowerPorts, g.LengthMeters);
        if (fiber is null || upper is null || lower is null) return null;
        long upperCount = DownCages(g.Upper, g.LinksPerSwitchCage);
        long lowerCount = g.LowerSwitches is null ? g.NodeCages : UpCages(g.LowerSwitches, g.LinksPerSwitchCage);
        return new LinkPlan
        {
            Name = g.Name, LowerTier = g.LowerTier, Links = g.Links, LengthMeters = g.LengthMeters, Medium = medium,
            Cable = fiber, Cables = g.Links, UpperOptic = upper, UpperOptics = upperCount, LowerOptic = lower, LowerOptics = lowerCount,
        };
    }

    private static TransceiverSpec? Optic(Parts parts, LinkMedium medium, BytesPerSecond speed, int ports, double length) =>
        parts.Transceivers
            .Where(t => t.Medium == medium && SameSpeed(t.Speed, speed) && t.Ports == ports && t.ReachMeters >= length)
            .OrderBy(t => t.Price.Value).ThenBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Cages that the down links of a tier occupy, switch by switch (links spread as evenly as possible).</summary>
    public static long DownCages(TierCount tier, int linksPerCage)
    {
        long cages = 0;
        foreach (var use in tier.Uses)
        {
            if (use.Switches == 0) continue;
            long q = use.DownLinks / use.Switches;
            long rem = use.DownLinks % use.Switches;
            cages += rem * Ceil(q + 1, linksPerCage) + (use.Switches - rem) * Ceil(q, linksPerCage);
        }
        return cages;
    }

    public static long UpCages(TierCount tier, int linksPerCage) => tier.Uses.Sum(u => u.Switches * Ceil(u.UpPorts, linksPerCage));

    private static long Ceil(long a, long b) => (a + b - 1) / b;

    private static bool SameSpeed(BytesPerSecond a, BytesPerSecond b) => Math.Abs(a.Value - b.Value) <= 1e-6 * b.Value;
}
