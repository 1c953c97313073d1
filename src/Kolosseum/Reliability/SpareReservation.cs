namespace Kolosseum.Reliability;

/// <summary>
/// The hot spares come out of the option's own GPUs: a cluster of N nodes trains on at most T nodes with
/// T + spares·T ≤ N, so the training job and the nodes waiting to replace failed ones never add up to
/// more hardware than the option has.
/// </summary>
public static class SpareReservation
{
    /// <summary>The most GPUs a searched layout may use, in whole nodes, leaving the spare nodes free.</summary>
    public static long TrainableGpus(long gpus, int gpusPerNode, double spareFraction)
    {
        if (gpusPerNode <= 0 || gpus < gpusPerNode || spareFraction <= 0) return gpus;
        long nodes = gpus / gpusPerNode;
        long train = (long)Math.Floor(nodes / (1 + spareFraction));
        // The simulator rounds the spare count to the nearest node, so the floor can be one off either way;
        // T + round(s·T) never decreases with T, so walk to the largest T that fits.
        while (train + 1 + SpareNodes(train + 1, spareFraction) <= nodes) train++;
        while (train > 1 && train + SpareNodes(train, spareFraction) > nodes) train--;
        return Math.Max(1, train) * gpusPerNode;
    }

    /// <summary>Spare nodes for a job of <paramref name="jobNodes"/> nodes, rounded as the reliability simulation rounds them.</summary>
    public static long SpareNodes(long jobNodes, double spareFraction) =>
        (long)Math.Round(spareFraction * jobNodes, MidpointRounding.AwayFromZero);
}
