namespace Kolosseum.Reliability.Simulation;

/// <summary>
/// Totals of one trial. Time shares are in cluster-seconds (wall seconds x fraction of the job's
/// nodes), so that multiplying by the GPU count gives GPU-seconds; all shares add up to the wall time.
/// </summary>
internal struct TrialOutcome
{
    public double Wall;
    public double WorkDone;
    public bool Finished;
    public bool GaveUp;

    /// <summary>Wall time spent computing work that was kept (the numerator of ETTR).</summary>
    public double KeptCompute;

    public double Useful;
    public double LostWork;
    public double Restart;
    public double Waiting;
    public double Checkpoint;
    public double Stragglers;
    public double Smaller;
    public double PlannedStops;

    public long Unexpected;
    public long PlannedCount;
    public long SpareSwaps;
    public long Waits;
    public ulong Digest;
}
