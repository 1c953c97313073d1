using Kolosseum.Randomness;
using Kolosseum.Reliability.Statistics;

namespace Kolosseum.Reliability.Simulation;

/// <summary>
/// Streaming statistics over trials: exact fixed-point moments, quantile sketches and integer counts.
/// Its size does not depend on the number of trials, and <see cref="Merge"/> is order-independent, so
/// one accumulator per worker thread merged at the end gives the same result on any number of threads.
/// </summary>
internal sealed class TrialAccumulator
{
    public TrialAccumulator(int causes) => CauseCounts = new long[causes];

    public long Trials;
    public long Finished;
    public long GaveUp;
    public ExactMoments Days;
    public ExactMoments Ettr;
    public ExactMoments Goodput;
    public ExactMoments Interruptions;
    public ExactMoments Planned;
    public ExactMoments WorkDays;
    public ExactMoments Useful, LostWork, Restart, Waiting, Checkpoint, Stragglers, Smaller, PlannedStops;
    public ExactMoments SpareSwaps, Waits;
    public readonly QuantileSketch DaysSketch = new();
    public readonly QuantileSketch EttrSketch = new();
    public readonly QuantileSketch GoodputSketch = new();
    public readonly CountHistogram InterruptionCounts = new();
    public readonly long[] CauseCounts;
    public ulong Digest;

    public void Add(long trial, in TrialOutcome o, long[] causeCounts)
    {
        const double Day = Units.Duration.SecondsPerDay;
        Trials++;
        if (o.Finished) Finished++;
        if (o.GaveUp) GaveUp++;
        double wallDays = o.Wall / Day;
        Days.Add(wallDays);
        DaysSketch.Add(wallDays);
        double ettr = EttrOf(o);
        Ettr.Add(ettr);
        EttrSketch.Add(ettr);
        double goodput = o.Wall > 0 ? o.WorkDone / o.Wall : 0;
        Goodput.Add(goodput);
        GoodputSketch.Add(goodput);
        Interruptions.Add(o.Unexpected);
        InterruptionCounts.Add(o.Unexpected);
        Planned.Add(o.PlannedCount);
        WorkDays.Add(o.WorkDone / Day);
        Useful.Add(o.Useful / Day);
        LostWork.Add(o.LostWork / Day);
        Restart.Add(o.Restart / Day);
        Waiting.Add(o.Waiting / Day);
        Checkpoint.Add(o.Checkpoint / Day);
        Stragglers.Add(o.Stragglers / Day);
        Smaller.Add(o.Smaller / Day);
        PlannedStops.Add(o.PlannedStops / Day);
        SpareSwaps.Add(o.SpareSwaps);
        Waits.Add(o.Waits);
        for (int i = 0; i < CauseCounts.Length; i++) CauseCounts[i] += causeCounts[i];
        // Order-independent combination of the per-trial traces: a wrapping sum of (trial, trace) hashes.
        unchecked { Digest += Xoshiro256StarStar.Mix(o.Digest ^ Xoshiro256StarStar.Mix((ulong)trial)); }
    }

    /// <summary>Effective training time ratio of one trial: wall time computing kept work / wall time.</summary>
    public static double EttrOf(in TrialOutcome o) => o.Wall > 0 ? o.KeptCompute / o.Wall : 0;

    public void Merge(TrialAccumulator other)
    {
        Trials += other.Trials;
        Finished += other.Finished;
        GaveUp += other.GaveUp;
        Days.Merge(other.Days);
        Ettr.Merge(other.Ettr);
        Goodput.Merge(other.Goodput);
        Interruptions.Merge(other.Interruptions);
        Planned.Merge(other.Planned);
        WorkDays.Merge(other.WorkDays);
        Useful.Merge(other.Useful);
        LostWork.Merge(other.LostWork);
        Restart.Merge(other.Restart);
        Waiting.Merge(other.Waiting);
        Checkpoint.Merge(other.Checkpoint);
        Stragglers.Merge(other.Stragglers);
        Smaller.Merge(other.Smaller);
        PlannedStops.Merge(other.PlannedStops);
        SpareSwaps.Merge(other.SpareSwaps);
        Waits.Merge(other.Waits);
        DaysSketch.Merge(other.DaysSketch);
        EttrSketch.Merge(other.EttrSketch);
        GoodputSketch.Merge(other.GoodputSketch);
        InterruptionCounts.Merge(other.InterruptionCounts);
        for (int i = 0; i < CauseCounts.Length; i++) CauseCounts[i] += other.CauseCounts[i];
        unchecked { Digest += other.Digest; }
    }
}
