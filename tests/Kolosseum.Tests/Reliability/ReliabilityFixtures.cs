using Kolosseum.Hardware;
using Kolosseum.Reliability;
using Kolosseum.Units;

namespace Kolosseum.Tests.Reliability;

/// <summary>Jobs and inputs for the reliability tests, built through the public API.</summary>
internal static class ReliabilityFixtures
{
    public static Kolosseum.Catalog.Catalog Embedded => Kolosseum.Catalog.Catalog.Embedded;

    public static ReliabilitySettings Defaults => ReliabilitySettings.Defaults(Embedded);

    public static NodeSpec H100Node => Embedded.Get<NodeSpec>("hgx-h100");

    public static ReliabilityJob Job(long gpus, Duration? work = null, Duration? window = null, ReliabilitySettings? settings = null) =>
        ReliabilityJob.ForCluster(H100Node, gpus, work, Bytes.FromTB(5.67), (settings ?? Defaults).Profile, window: window);

    /// <summary>Settings with the knobs that Daly's model leaves out switched off: no stragglers, spares never short, no planned stops.</summary>
    public static ReliabilitySettings Plain(ReliabilitySettings? s = null)
    {
        s ??= Defaults;
        return s with { Profile = s.Profile with { Stragglers = false, Spares = 1, FailureRates = ["llama3"], CheckpointMode = CheckpointMode.Sync } };
    }

    /// <summary>
    /// Daly's model exactly: exponential failures at MTBI <paramref name="mtbi"/> (one synthetic per-GPU
    /// cause), a restart of <paramref name="restart"/> that a failure may interrupt, a synchronous
    /// checkpoint of <paramref name="blocking"/> every <paramref name="interval"/> of compute.
    /// </summary>
    public static ReliabilityInputs Daly(ReliabilityJob job, Duration mtbi, Duration restart, Duration blocking, Duration interval,
        FailureDistribution distribution = FailureDistribution.Exponential, double shape = 1)
    {
        var settings = Plain() with { Profile = Plain().Profile with { Distribution = distribution, WeibullShape = shape } };
        var inputs = ReliabilityInputs.Build(job, settings, Embedded);
        var cause = Synthetic(mtbi * job.Gpus, needsSpare: false);
        return inputs with
        {
            Failures = FailureModel.For(job, [cause]),
            Checkpoint = inputs.Checkpoint with { Blocking = blocking, Durable = blocking, PersistTime = blocking, Load = Duration.Zero },
            Restart = new RestartCost { Detection = restart, Rescheduling = Duration.Zero, ProcessGroupInit = Duration.Zero, CheckpointLoad = Duration.Zero, Warmup = Duration.Zero },
            Interval = inputs.Interval with { Value = interval },
        };
    }

    public static FailureRate Synthetic(Duration mttfPerGpu, bool needsSpare, bool planned = false, string cause = "synthetic") => new()
    {
        Id = "test-" + cause, RateSet = "test", Cause = cause, Component = "synthetic " + cause, Category = FailureCategory.Unknown,
        Scale = FailureScale.PerGpu, NeedsSpare = needsSpare, Planned = planned, Mttf = mttfPerGpu, Source = "test",
    };

    /// <summary>The vertex of the least-squares parabola through (x, y).</summary>
    public static double Vertex(double[] x, double[] y)
    {
        // Normal equations for y = a + b x + c x², solved by Cramer's rule.
        double s0 = x.Length, s1 = x.Sum(), s2 = x.Sum(v => v * v), s3 = x.Sum(v => v * v * v), s4 = x.Sum(v => v * v * v * v);
        double t0 = y.Sum(), t1 = x.Zip(y).Sum(p => p.First * p.Second), t2 = x.Zip(y).Sum(p => p.First * p.First * p.Second);
        double det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
        double b = (s0 * (t1 * s4 - s3 * t2) - t0 * (s1 * s4 - s3 * s2) + s2 * (s1 * t2 - t1 * s2)) / det;
        double c = (s0 * (s2 * t2 - t1 * s3) - s1 * (s1 * t2 - t1 * s2) + t0 * (s1 * s3 - s2 * s2)) / det;
        return -b / (2 * c);
    }

    /// <summary>
    /// The best interval found by simulation: ETTR on a grid of intervals around Daly's exact optimum, with
    /// common random numbers (one seed per batch, so every interval sees the same failures), and the vertex
    /// of a parabola in ln τ per batch. <c>Theory</c> is the vertex of Daly's exact curve fitted the same
    /// way (so the fit's own bias cancels); <c>HalfWidth</c> is the 99% CI of the batch mean (Student t).
    /// </summary>
    public static (double Mean, double HalfWidth, double Theory, Duration Optimum) BestInterval(
        Duration mtbi, Duration restart, Duration blocking, Duration window, int batches, int trials)
    {
        var optimum = CheckpointInterval.DalyNumericOptimum(blocking, mtbi, restart);
        double[] factors = [.. Enumerable.Range(-3, 7).Select(i => Math.Pow(1.6, i / 3.0))];
        double[] x = [.. factors.Select(f => Math.Log(optimum.Seconds * f))];
        var job = Job(1024, window: window);
        var best = new double[batches];
        for (int b = 0; b < batches; b++)
        {
            double[] y = [.. factors.Select(f => ReliabilitySimulator.Run(Daly(job, mtbi, restart, blocking, optimum * f),
                new SimulationOptions { Trials = trials, Seed = (ulong)(100 + b), TimelineTrial = -1 }).Ettr.Mean)];
            best[b] = Vertex(x, y);
        }
        double theory = Vertex(x, [.. factors.Select(f => CheckpointInterval.DalyEttr(optimum * f, blocking, mtbi, restart))]);
        double mean = best.Average();
        double sd = Math.Sqrt(best.Sum(v => (v - mean) * (v - mean)) / (batches - 1));
        return (mean, StudentT995(batches - 1) * sd / Math.Sqrt(batches), theory, optimum);
    }

    /// <summary>Two-sided 99% quantiles of Student's t (tables), for the degrees of freedom the tests use.</summary>
    private static double StudentT995(int df) => df switch
    {
        7 => 3.499,
        15 => 2.947,
        _ => throw new ArgumentOutOfRangeException(nameof(df), df, "add the t quantile for this batch count"),
    };
}
