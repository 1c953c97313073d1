using Kolosseum.Performance;

namespace Kolosseum.Search;

/// <summary>
/// A feasible layout with its estimate and the time to train the run's tokens on it; <paramref name="Model"/> is the
/// performance model it was evaluated with (its training spec holds the global batch the layout runs at).
/// </summary>
public readonly record struct RankedLayout(Layout Layout, StepEstimate Estimate, double TrainSeconds, PerformanceModel Model)
{
    public long Gpus => Layout.Gpus;

    /// <summary>Sequences per optimizer step the layout runs at.</summary>
    public int GlobalBatch => Model.Training.GlobalBatch;

    /// <summary>Total order used for ranking: faster first, then fewer GPUs, then the smaller batch, then the layout's degrees.</summary>
    public static int Compare(in RankedLayout x, in RankedLayout y)
    {
        int c = x.TrainSeconds.CompareTo(y.TrainSeconds);
        if (c != 0) return c;
        c = x.Gpus.CompareTo(y.Gpus);
        if (c != 0) return c;
        c = x.GlobalBatch.CompareTo(y.GlobalBatch);
        if (c != 0) return c;
        return LayoutOrder.Compare(x.Layout, y.Layout);
    }
}

/// <summary>A fixed lexicographic order of layouts, so ties break the same way on every run and thread count.</summary>
public static class LayoutOrder
{
    public static int Compare(in Layout a, in Layout b)
    {
        int c;
        if ((c = a.Tp.CompareTo(b.Tp)) != 0) return c;
        if ((c = a.Pp.CompareTo(b.Pp)) != 0) return c;
        if ((c = a.Vpp.CompareTo(b.Vpp)) != 0) return c;
        if ((c = a.Dp.CompareTo(b.Dp)) != 0) return c;
        if ((c = a.Cp.CompareTo(b.Cp)) != 0) return c;
        if ((c = a.Ep.CompareTo(b.Ep)) != 0) return c;
        if ((c = a.Zero.CompareTo(b.Zero)) != 0) return c;
        if ((c = a.SequenceParallel.CompareTo(b.SequenceParallel)) != 0) return c;
        if ((c = a.Recompute.CompareTo(b.Recompute)) != 0) return c;
        if ((c = a.MicroBatch.CompareTo(b.MicroBatch)) != 0) return c;
        return a.Etp.CompareTo(b.Etp);
    }
}
