namespace Kolosseum.Reliability;

/// <summary>
/// What the closed form of <see cref="DeliveredTimeModel"/> reads, in seconds and events per second: plain numbers,
/// so that a search or a sampling loop can evaluate millions of them.
/// </summary>
public readonly record struct DeliveredTimeInputs
{
    /// <summary>Failure-free compute time the run needs (W).</summary>
    public required double WorkSeconds { get; init; }

    /// <summary>Unexpected interruptions of the whole job per second of wall time (λ = 1/M).</summary>
    public required double FailuresPerSecond { get; init; }

    /// <summary>Time training stops per checkpoint (δ): the blocking write, plus any wait on the previous background write.</summary>
    public required double CheckpointSeconds { get; init; }

    /// <summary>From a failure to training again (R): detection, rescheduling, initialisation, load, warm-up.</summary>
    public required double RestartSeconds { get; init; }

    /// <summary>Compute time between checkpoints (τ); null: Daly's higher-order optimum for λ, δ.</summary>
    public double? IntervalSeconds { get; init; }

    /// <summary>The first start (initialisation and warm-up), paid once.</summary>
    public double StartupSeconds { get; init; }

    /// <summary>How long after its stop ends a checkpoint becomes restorable (a background write still persisting).</summary>
    public double DurableLagSeconds { get; init; }

    /// <summary>
    /// Planned stops (maintenance, upgrades) per second of training (computing or checkpointing; none is due while the
    /// job is down), each checkpointing first and stopping for <see cref="PlannedStopSeconds"/>.
    /// </summary>
    public double PlannedPerSecond { get; init; }

    public double PlannedStopSeconds { get; init; }

    /// <summary>Wall time per unit of work while running, stretched by stragglers (1: none; <see cref="StragglerModel.WallTimePerWork"/>).</summary>
    public double Slowdown { get; init; }
}

/// <summary>The expected wall time of a run with failures, the interval it assumes and the efficiency W / E[T].</summary>
public readonly record struct DeliveredTime(double WallSeconds, double IntervalSeconds, double Efficiency)
{
    public double Days => WallSeconds / 86400;
}

/// <summary>
/// The expected wall time of a training run with failures, in closed form (docs/reliability.md, "Delivered time").
/// The run computes W in segments of τ, each followed by a checkpoint stop δ (the last segment, W − nτ, needs none);
/// failures arrive at rate λ = 1/M in wall time, also during checkpoints and restarts, and a failure loses the
/// segment under way. A segment of length t then takes M e^{R/M} (e^{t/M} − 1) on average (Daly 2006, FGCS 22(3),
/// eq. 8, exact for exponential failures), so
/// E[T] = S + n·M e^{R/M}(e^{(τ+δ)/M} − 1) + M e^{R/M}(e^{r/M} − 1), n = ⌈W/τ⌉ − 1, r = W − nτ,
/// which tends to W + nδ as λ → 0. τ defaults to Daly's higher-order optimum. Three effects the simulator has are
/// added to first order: a checkpoint not yet durable costs one more interval of rework when a failure strikes in its
/// lag ℓ (R grows by ℓτ/(τ+δ)); planned stops add p·S_p per second of training (the running time less the share
/// λR spent restarting); stragglers stretch W by the wall time per unit of work of their segments. Spare shortages, elastic shrinking and Weibull clustering are left to the simulator. Allocation-free
/// and branch-light: about a hundred nanoseconds.
/// </summary>
public static class DeliveredTimeModel
{
    public static DeliveredTime Expected(in DeliveredTimeInputs x)
    {
        double work = x.WorkSeconds * (x.Slowdown > 0 ? x.Slowdown : 1);
        double delta = x.CheckpointSeconds, lambda = x.FailuresPerSecond;
        double tau = x.IntervalSeconds ?? (lambda > 0 ? DalyInterval(delta, 1 / lambda) : double.PositiveInfinity);
        if (!(tau > 0)) tau = work;
        double n = work > 0 && double.IsFinite(tau) ? Math.Max(0, Math.Ceiling(work / tau - 1e-9) - 1) : 0;
        double last = work - n * tau;
        double running;
        if (lambda > 0)
        {
            double m = 1 / lambda;
            double restart = x.RestartSeconds + x.DurableLagSeconds * tau / (tau + delta);
            double perFailure = m * Math.Exp(restart / m);
            running = perFailure * (n * ExpM1((tau + delta) / m) + ExpM1(last / m));
        }
        else
        {
            running = work + n * delta;
        }
        // Planned stops fall due only while the job trains: the running time less the λ·running·R spent restarting.
        double training = running * Math.Max(0, 1 - lambda * x.RestartSeconds);
        double wall = x.StartupSeconds + running + training * x.PlannedPerSecond * x.PlannedStopSeconds;
        return new DeliveredTime(wall, double.IsFinite(tau) ? tau : work, wall > 0 ? x.WorkSeconds / wall : 1);
    }

    /// <summary>
    /// e^x − 1 to full precision near 0 (Kahan's identity (u − 1)·x / ln u, u = e^x): the runtime's ExpM1 loses the
    /// digits of λτ at the tiny rates of a job that almost never fails.
    /// </summary>
    private static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>Daly's higher-order optimum τ = √(2δM)·[1 + ⅓√(δ/2M) + ⅑(δ/2M)] − δ for δ &lt; 2M, else M (as <see cref="CheckpointInterval.Daly"/>).</summary>
    public static double DalyInterval(double delta, double mtbi)
    {
        if (delta >= 2 * mtbi) return mtbi;
        double r = delta / (2 * mtbi);
        return Math.Sqrt(2 * delta * mtbi) * (1 + Math.Sqrt(r) / 3 + r / 9) - delta;
    }

    /// <summary>The closed form's inputs for a job as the simulator sees it: the same rates, checkpoint, restart and interval.</summary>
    public static DeliveredTimeInputs From(ReliabilityInputs inputs)
    {
        var c = inputs.Checkpoint;
        double tau = inputs.Interval.Value.Seconds;
        double stall = c.Mode == CheckpointMode.Async ? Math.Max(0, c.PersistTime.Seconds - tau) : 0;
        double stop = c.Blocking.Seconds + stall;
        double durableAfter = stall + c.Durable.Seconds;
        return new DeliveredTimeInputs
        {
            WorkSeconds = inputs.Job.Work?.Seconds ?? throw new ArgumentException("the job has no work to deliver", nameof(inputs)),
            FailuresPerSecond = inputs.Failures.UnexpectedPerHour / 3600,
            CheckpointSeconds = stop,
            RestartSeconds = inputs.Restart.Total.Seconds,
            IntervalSeconds = tau,
            StartupSeconds = inputs.Restart.Startup.Seconds,
            DurableLagSeconds = Math.Max(0, durableAfter - stop),
            PlannedPerSecond = inputs.Failures.PlannedPerHour / 3600,
            PlannedStopSeconds = c.PlannedStop.Seconds + inputs.Restart.AfterDetection.Seconds,
            Slowdown = inputs.Stragglers.WallTimePerWork,
        };
    }

    /// <summary>The expected wall time of the job the simulator would run from <paramref name="inputs"/>.</summary>
    public static DeliveredTime Expected(ReliabilityInputs inputs) => Expected(From(inputs));
}
