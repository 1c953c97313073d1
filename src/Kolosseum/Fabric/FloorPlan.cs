namespace Kolosseum.Fabric;

/// <summary>
/// Where the racks stand, as far as cable lengths care: racks on a square floor, one rack per
/// <see cref="RackPitchMeters"/>², switches of a unit in its middle. A link that leaves its rack runs
/// about the side of the square its unit covers (half across and half along, through overhead trays)
/// plus slack; one that stays in the rack is <see cref="InRackMeters"/> long (docs/fabric.md, "Physical layout").
/// </summary>
public sealed record FloorPlan(int NodesPerRack, double RackPitchMeters, double CableSlackMeters, double InRackMeters)
{
    public long Racks(long nodes) => (nodes + NodesPerRack - 1) / NodesPerRack;

    /// <summary>Length of the longest link inside a unit of <paramref name="nodes"/> nodes.</summary>
    public double LinkLength(long nodes)
    {
        long racks = Racks(nodes);
        return racks <= 1 ? InRackMeters : Math.Sqrt(racks) * RackPitchMeters + CableSlackMeters;
    }
}
