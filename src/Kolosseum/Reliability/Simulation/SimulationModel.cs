namespace Kolosseum.Reliability.Simulation;

/// <summary>
/// The inputs of one trial as plain doubles in seconds and rates per second: the hot loop reads only
/// this. Built once per run from <see cref="ReliabilityInputs"/>.
/// </summary>
internal sealed class SimulationModel
{
    public double Work;
    public double Window;

    /// <summary>Wall time after which a trial gives up (the run cannot finish in any useful time).</summary>
    public double WallLimit;

    public double Tau;

    /// <summary>Time the job stops per checkpoint: blocking write plus any wait on the previous background write.</summary>
    public double CheckpointStop;

    /// <summary>From the start of a checkpoint's stop to the moment it can be restored.</summary>
    public double DurableAfter;

    public double Detection;
    public double AfterDetection;
    public double PlannedStop;
    public double Startup;

    public int CauseCount;
    public double[] FixedRate = [];
    public double[] ScalableRate = [];
    public bool[] NeedsSpare = [];
    public bool[] Planned = [];
    public double UnexpectedFixed, UnexpectedScalable, PlannedFixed, PlannedScalable;

    public bool Weibull;
    public double InverseShape;

    /// <summary>Weibull scale = mean x this (1/Γ(1 + 1/k)).</summary>
    public double WeibullScaleFactor;

    public long Nodes;
    public long Spares;
    public bool Shrink;
    public double RepairMu, RepairSigma;

    public bool Stragglers;
    public double StragglerProbability, StragglerThreshold, StragglerMu, StragglerSigma;

    public static SimulationModel From(ReliabilityInputs inputs)
    {
        var job = inputs.Job;
        var c = inputs.Checkpoint;
        var r = inputs.Restart;
        double tau = inputs.Interval.Value.Seconds;
        // An async write still running when the next checkpoint is due makes the job wait for it.
        double stall = c.Mode == CheckpointMode.Async ? Math.Max(0, c.PersistTime.Seconds - tau) : 0;
        double work = job.Work?.Seconds ?? double.PositiveInfinity;
        double window = job.Window?.Seconds ?? double.PositiveInfinity;
        var causes = inputs.Failures.Causes;
        var m = new SimulationModel
        {
            Work = work,
            Window = window,
            // The failure-free time includes the start-up: a run of one step (seconds of work) still needs its
            // minutes of start-up, and a limit of 100 times the work alone would abandon every trial of it.
            WallLimit = Math.Min(window, double.IsFinite(work) ? MaxSlowdown * (work + r.Startup.Seconds) : double.PositiveInfinity),
            Tau = tau,
            CheckpointStop = c.Blocking.Seconds + stall,
            DurableAfter = stall + c.Durable.Seconds,
            Detection = r.Detection.Seconds,
            AfterDetection = r.AfterDetection.Seconds,
            PlannedStop = c.PlannedStop.Seconds + r.AfterDetection.Seconds,
            Startup = r.Startup.Seconds,
            CauseCount = causes.Count,
            FixedRate = [.. causes.Select(x => x.ScalesWithSize ? 0 : x.PerHour / 3600)],
            ScalableRate = [.. causes.Select(x => x.ScalesWithSize ? x.PerHour / 3600 : 0)],
            NeedsSpare = [.. causes.Select(x => x.NeedsSpare)],
            Planned = [.. causes.Select(x => x.Planned)],
            Weibull = inputs.Profile.Distribution == FailureDistribution.Weibull,
            InverseShape = 1 / inputs.Profile.WeibullShape,
            WeibullScaleFactor = 1 / SpecialFunctions.Gamma(1 + 1 / inputs.Profile.WeibullShape),
            Nodes = job.Nodes,
            Spares = inputs.SpareNodes,
            Shrink = inputs.Profile.WhenSparesRunOut == SparePolicy.Shrink,
            RepairMu = inputs.Repair.Mu,
            RepairSigma = inputs.Repair.Sigma,
            Stragglers = inputs.Stragglers.Enabled,
            StragglerProbability = inputs.Stragglers.SlowProbability,
            StragglerThreshold = inputs.Stragglers.Threshold,
            StragglerMu = inputs.Stragglers.Mu,
            StragglerSigma = inputs.Stragglers.Sigma,
        };
        for (int i = 0; i < m.CauseCount; i++)
        {
            if (m.Planned[i])
            {
                m.PlannedFixed += m.FixedRate[i];
                m.PlannedScalable += m.ScalableRate[i];
            }
            else
            {
                m.UnexpectedFixed += m.FixedRate[i];
                m.UnexpectedScalable += m.ScalableRate[i];
            }
        }
        return m;
    }

    /// <summary>A trial that needs more than this many times its failure-free time (work and start-up) is abandoned and reported as not finished.</summary>
    public const double MaxSlowdown = 100;
}
