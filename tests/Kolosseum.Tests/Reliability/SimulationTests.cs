using Kolosseum.Reliability;
using Kolosseum.Units;
using static Kolosseum.Tests.Reliability.ReliabilityFixtures;

namespace Kolosseum.Tests.Reliability;

/// <summary>
/// The simulation against closed forms. Confidence intervals are two-sided 99.9% (z = 3.29) unless
/// stated; the seeds are fixed, so a pass or a fail is reproducible.
/// </summary>
public class SimulationTests
{
    private const double Z999 = 3.29;

    [Fact]
    public void Mean_failures_in_a_window_equal_gpus_times_time_times_rate()
    {
        // Failures arrive in wall-clock time whatever the job is doing, so the count in a fixed window is
        // Poisson with mean Λ·T, Λ = Σ rate x units held (the series model).
        var inputs = ReliabilityInputs.Build(Job(16384, window: Duration.FromDays(30)), Plain(), Embedded);
        double expected = inputs.Failures.UnexpectedPerHour * 30 * 24;
        var r = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 400, Seed = 11 });
        double se = Math.Sqrt(expected / r.Trials);
        Assert.InRange(r.Interruptions.Mean, expected - Z999 * se, expected + Z999 * se);
        // Poisson: variance equals the mean. The sample variance of 400 draws has a relative SE of √(2/399) = 7%.
        Assert.InRange(r.Interruptions.StdDev * r.Interruptions.StdDev / expected, 1 - Z999 * 0.071, 1 + Z999 * 0.071);
    }

    [Fact]
    public void Simulated_ettr_agrees_with_dalys_exact_model()
    {
        // With exponential failures, a restart and a checkpoint that a failure may interrupt, Daly's expected
        // efficiency τ / (M e^{R/M} (e^{(τ+δ)/M} − 1)) is exact in the long run. A 200-day window leaves an
        // edge of at most one interval and one restart (< 0.1%), added to the CI.
        var mtbi = Duration.FromHours(2);
        var restart = Duration.FromMinutes(10);
        var blocking = Duration.FromSeconds(60);
        var tau = CheckpointInterval.Daly(blocking, mtbi);
        var inputs = Daly(Job(1024, window: Duration.FromDays(200)), mtbi, restart, blocking, tau);
        var r = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 200, Seed = 3 });
        double expected = CheckpointInterval.DalyEttr(tau, blocking, mtbi, restart);
        double edge = (tau.Seconds + restart.Seconds) / Duration.FromDays(200).Seconds;
        Assert.InRange(r.Ettr.Mean, expected - Z999 * r.Ettr.StandardError - edge, expected + Z999 * r.Ettr.StandardError + edge);
    }

    [Fact]
    public void Simulated_best_interval_agrees_with_dalys_optimum()
    {
        var best = BestInterval(Duration.FromHours(1), Duration.FromMinutes(5), Duration.FromSeconds(60), Duration.FromDays(60), batches: 8, trials: 30);
        Assert.InRange(best.Theory, best.Mean - best.HalfWidth, best.Mean + best.HalfWidth);
        // And the simulated best interval is Daly's optimum to within 5%.
        Assert.Equal(1, Math.Exp(best.Mean) / best.Optimum.Seconds, 0.05);
    }

    [Fact]
    public void Weibull_failures_keep_the_long_run_rate_of_their_mean()
    {
        // A renewal process with mean gap μ has E[N(T)] = T/μ + (CV² − 1)/2 + o(1) and Var N(T) ≈ (T/μ)·CV²
        // (Cox, Renewal Theory). For a Weibull of shape k, CV² = Γ(1 + 2/k)/Γ(1 + 1/k)² − 1.
        const double K = 0.7;
        var mtbi = Duration.FromHours(1);
        var inputs = Daly(Job(1024, window: Duration.FromDays(50)), mtbi, Duration.FromMinutes(5), Duration.FromSeconds(30),
            Duration.FromMinutes(10), FailureDistribution.Weibull, K);
        var r = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 300, Seed = 8 });
        double cv2 = SpecialFunctions.Gamma(1 + 2 / K) / Math.Pow(SpecialFunctions.Gamma(1 + 1 / K), 2) - 1;
        double n = 50 * 24;
        double expected = n + (cv2 - 1) / 2;
        double se = Math.Sqrt(n * cv2 / r.Trials);
        Assert.InRange(r.Interruptions.Mean, expected - Z999 * se, expected + Z999 * se);
        // Clustered failures: the spread exceeds the Poisson spread of the exponential model.
        Assert.True(r.Interruptions.StdDev > Math.Sqrt(n) * 1.2);
    }

    [Fact]
    public void Gpu_hours_by_reason_add_up_to_the_gpu_hours_held()
    {
        // Every wall-clock second of every GPU is useful, lost work, restart, waiting, checkpoint, straggler,
        // running smaller or planned stop. Exercise all of them: few spares, elastic shrink, stragglers, planned stops.
        var d = Defaults;
        var s = d with { Profile = d.Profile with { Spares = 0.001, WhenSparesRunOut = SparePolicy.Shrink } };
        var inputs = ReliabilityInputs.Build(Job(100_000, work: Duration.FromDays(5), settings: s), s, Embedded);
        var r = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 32, Seed = 2 });
        Assert.Equal(r.TotalGpuHours, r.UsefulGpuHours + r.Lost.Total, r.TotalGpuHours * 1e-9);
        Assert.True(r.Lost.RunningSmaller > 0 && r.Lost.Stragglers > 0 && r.Lost.PlannedStops > 0 && r.Lost.LostWork > 0);
        // Useful GPU-hours are exactly the failure-free work once every trial finishes.
        Assert.Equal(r.Trials, r.Finished);
        Assert.Equal(100_000 * 5 * 24.0, r.UsefulGpuHours, 1e-6 * r.UsefulGpuHours);
    }

    [Fact]
    public void Spares_decide_whether_the_job_waits()
    {
        var d = Defaults;
        ReliabilityResult Run(double spares, SparePolicy policy)
        {
            var s = d with { Profile = d.Profile with { Spares = spares, WhenSparesRunOut = policy } };
            return ReliabilitySimulator.Run(ReliabilityInputs.Build(Job(16384, work: Duration.FromDays(10), settings: s), s, Embedded),
                new SimulationOptions { Trials = 48, Seed = 4 });
        }
        var ample = Run(0.05, SparePolicy.Wait);
        var none = Run(0, SparePolicy.Wait);
        var elastic = Run(0, SparePolicy.Shrink);
        Assert.Equal(0, ample.Lost.WaitingForSpares);
        Assert.True(none.Lost.WaitingForSpares > 0 && none.WaitsForSparesMean > 0);
        Assert.True(none.Days.Mean > ample.Days.Mean);
        Assert.Equal(0, elastic.Lost.WaitingForSpares);
        Assert.True(elastic.Lost.RunningSmaller > 0);
    }

    [Fact]
    public void Same_seed_gives_the_identical_trace_whatever_the_thread_count()
    {
        var d = Defaults;
        foreach (var s in new[] { d, d with { Profile = d.Profile with { Spares = 0.002, WhenSparesRunOut = SparePolicy.Shrink, Distribution = FailureDistribution.Weibull } } })
        {
            var inputs = ReliabilityInputs.Build(Job(100_000, work: Duration.FromDays(3), settings: s), s, Embedded);
            ReliabilityResult Run(int threads, ulong seed) => ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 50, Seed = seed, Threads = threads });
            var one = Run(1, 5);
            var three = Run(3, 5);
            Assert.Equal(one.TraceDigest, three.TraceDigest);
            Assert.Equal(one.Timeline, three.Timeline);
            Assert.Equal(one.Ettr, three.Ettr);
            Assert.Equal(one.Days, three.Days);
            Assert.Equal(one.Interruptions, three.Interruptions);
            Assert.Equal(one.Lost, three.Lost);
            Assert.Equal(one.Causes, three.Causes);
            Assert.Equal(one.EttrSamples, three.EttrSamples);
            Assert.Equal(one.DaysSamples, three.DaysSamples);
            Assert.NotEqual(one.TraceDigest, Run(3, 6).TraceDigest);
        }
    }

    [Fact]
    public void Per_trial_samples_are_bounded_and_agree_with_the_summaries()
    {
        var inputs = ReliabilityInputs.Build(Job(16384, work: Duration.FromDays(5)), Defaults, Embedded);
        var small = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 300, Seed = 9 });
        // Every trial is sampled when there are fewer than the limit: the mean is the summary's (to its 2^-32 fixed
        // point), and the extremes and the median (rank 0.5·(n − 1), rounded up) lie within the sketch's relative
        // accuracy (1e-4, doubled for margin) of the reported ones.
        Assert.Equal(300, small.EttrSamples.Count);
        Assert.Equal(300, small.DaysSamples.Count);
        Assert.Equal(small.Days.Mean, small.DaysSamples.Average(), tolerance: 1e-8);
        var sorted = small.DaysSamples.Order().ToArray();
        static void Near(double expected, double actual) => Assert.InRange(actual, expected * (1 - 2e-4), expected * (1 + 2e-4));
        Near(sorted[0], small.Days.Min);
        Near(sorted[150], small.Days.P50);
        Near(sorted[^1], small.Days.Max);
        Assert.All(small.EttrSamples, e => Assert.InRange(e, 0, 1));

        var many = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = ReliabilitySimulator.SampleLimit + 40, Seed = 9, Threads = 2 });
        Assert.Equal(ReliabilitySimulator.SampleLimit, many.EttrSamples.Count);
        // The first trials are the same trials whatever the total.
        Assert.Equal(small.EttrSamples, many.EttrSamples.Take(300));
    }

    [Fact]
    public void A_run_that_cannot_finish_is_reported_not_simulated()
    {
        // Ten million GPUs fail every 18 s at the Llama 3 rate; a 6-minute restart never completes.
        var inputs = ReliabilityInputs.Build(Job(10_000_000, work: Duration.FromDays(10)), Defaults, Embedded);
        var r = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 10 });
        Assert.NotNull(r.Infeasible);
        Assert.Equal(0, r.Trials);
    }
}
