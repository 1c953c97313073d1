using Kolosseum.Reliability;
using Kolosseum.Units;
using static Kolosseum.Tests.Reliability.ReliabilityFixtures;

namespace Kolosseum.Tests.Reliability;

/// <summary>Heavier statistical checks (minutes on two cores): dotnet test --filter Category=Long.</summary>
[Trait("Category", "Long")]
public class LongSimulationTests
{
    [Theory]
    // Daly's own high-failure example (δ = 5 min, R = 10 min, M = 15 min: τ* = 9.1 min), and the
    // 100,000-H100 case at Llama 3's rates (M = 30.4 min, 10 s async stop, 6.5 min restart).
    [InlineData(15, 10, 300)]
    [InlineData(30.4, 6.5, 10)]
    [InlineData(185.6, 6.1, 10)]
    public void Simulated_best_interval_agrees_with_daly_across_regimes(double mtbiMinutes, double restartMinutes, double blockingSeconds)
    {
        var best = BestInterval(Duration.FromMinutes(mtbiMinutes), Duration.FromMinutes(restartMinutes), Duration.FromSeconds(blockingSeconds),
            Duration.FromDays(120), batches: 16, trials: 60);
        Assert.InRange(best.Theory, best.Mean - best.HalfWidth, best.Mean + best.HalfWidth);
    }

    [Theory]
    [InlineData(30.4, 6.5, 10)]
    [InlineData(15, 10, 300)]
    public void Simulated_ettr_agrees_with_daly_when_failures_are_frequent(double mtbiMinutes, double restartMinutes, double blockingSeconds)
    {
        var mtbi = Duration.FromMinutes(mtbiMinutes);
        var restart = Duration.FromMinutes(restartMinutes);
        var blocking = Duration.FromSeconds(blockingSeconds);
        var tau = CheckpointInterval.Daly(blocking, mtbi);
        var window = Duration.FromDays(365);
        var r = ReliabilitySimulator.Run(Daly(Job(1024, window: window), mtbi, restart, blocking, tau), new SimulationOptions { Trials = 400, Seed = 21 });
        double expected = CheckpointInterval.DalyEttr(tau, blocking, mtbi, restart);
        double edge = (tau.Seconds + restart.Seconds) / window.Seconds;
        Assert.InRange(r.Ettr.Mean, expected - 3.29 * r.Ettr.StandardError - edge, expected + 3.29 * r.Ettr.StandardError + edge);
    }

    [Fact]
    public void Thousands_of_trials_with_every_feature_on_are_identical_on_one_and_four_threads()
    {
        var d = Defaults;
        var s = d with { Profile = d.Profile with { Spares = 0.008, WhenSparesRunOut = SparePolicy.Shrink } };
        var inputs = ReliabilityInputs.Build(Job(100_000, work: Duration.FromDays(10), settings: s), s, Embedded);
        var one = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 2000, Seed = 77, Threads = 1 });
        var four = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 2000, Seed = 77, Threads = 4 });
        Assert.Equal(one.TraceDigest, four.TraceDigest);
        Assert.Equal(one.Days, four.Days);
        Assert.Equal(one.Ettr, four.Ettr);
        Assert.Equal(one.Lost, four.Lost);
    }
}
