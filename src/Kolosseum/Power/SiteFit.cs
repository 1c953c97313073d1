using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>Whether a cluster fits a grid connection, and the largest cluster of the same kind that does.</summary>
public sealed record SiteFit(Watts Limit, Watts FacilityCapacity, Watts FacilityComputePeak, bool Fits, bool FitsAtComputePeak, long LargestGpus)
{
    /// <summary>Spare capacity (negative when over the limit).</summary>
    public Watts Headroom => Limit - FacilityCapacity;

    /// <summary>
    /// A site must be provisioned for nameplate IT power x PUE. The largest cluster that fits is found by bisection
    /// over whole nodes, scaling storage by the sizing rule and a designed network in proportion to the GPU count.
    /// </summary>
    public static SiteFit Check(ClusterInventory inv, double pue, StepPhases phases, Watts limit)
    {
        if (!(limit.Value > 0)) throw new ArgumentOutOfRangeException(nameof(limit), "a site limit must be positive");
        var power = ClusterPower.Compute(inv, pue, phases);
        long perNode = inv.Node.GpusPerNode;
        long lo = 0, hi = 1;
        while (Capacity(inv, hi * perNode, pue, phases) <= limit && hi < 1L << 40) hi *= 2;
        while (hi - lo > 1)
        {
            long mid = lo + (hi - lo) / 2;
            if (Capacity(inv, mid * perNode, pue, phases) <= limit) lo = mid;
            else hi = mid;
        }
        var cap = power.FacilityCapacity;
        var peak = power.Facility(PowerState.Compute);
        return new SiteFit(limit, cap, peak, cap <= limit, peak <= limit, lo * perNode);
    }

    private static Watts Capacity(ClusterInventory inv, long gpus, double pue, StepPhases phases) =>
        ClusterPower.Compute(inv.WithGpus(gpus), pue, phases).FacilityCapacity;
}
