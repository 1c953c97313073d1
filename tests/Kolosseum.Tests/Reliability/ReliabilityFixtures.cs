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
}
