using Kolosseum.Buildout;
using Kolosseum.Units;

namespace Kolosseum.Tests.Buildout;

public class DeterminismTests
{
    [Fact]
    public void Same_seed_gives_identical_results_whatever_the_thread_count()
    {
        var model = Models.Preset("hyperscale", 100_000);
        var one = Models.Run(model, trials: 3000, seed: 42, threads: 1);
        foreach (int threads in new[] { 2, 8 })
        {
            var many = Models.Run(model, trials: 3000, seed: 42, threads: threads);
            Assert.Equal(one.Phases, many.Phases);
            Assert.Equal(one.RampStages, many.RampStages);
            Assert.Equal(one.Weekly, many.Weekly);
            Assert.Equal(one.FirstTraining, many.FirstTraining);
            Assert.Equal(one.FullCapacity, many.FullCapacity);
            Assert.Equal(one.TimeToReach(50_000), many.TimeToReach(50_000));
            Assert.Equal(one.CapacityAt(Duration.FromDays(900)), many.CapacityAt(Duration.FromDays(900)));
        }
    }

    [Fact]
    public void A_different_seed_gives_a_different_sample()
    {
        var model = Models.Preset("fast-track", 100_000);
        var a = Models.Run(model, trials: 2000, seed: 1);
        var b = Models.Run(model, trials: 2000, seed: 2);
        Assert.NotEqual(a.FullCapacity.SinceStart, b.FullCapacity.SinceStart);
        // ...but the same answer within sampling error: P50s of 2,000 trials differ by far less than the P10-P90 spread.
        double spread = (a.FullCapacity.SinceStart.P90 - a.FullCapacity.SinceStart.P10).Days;
        Assert.InRange(Math.Abs((a.FullCapacity.SinceStart.P50 - b.FullCapacity.SinceStart.P50).Days), 0, spread / 5);
    }

    [Fact]
    public void Trial_streams_depend_on_seed_and_trial_and_do_not_collide_on_neighbours()
    {
        var seen = new HashSet<ulong>();
        for (ulong seed = 0; seed < 20; seed++)
            for (long trial = 0; trial < 20; trial++)
            {
                var r = new TrialRandom(seed, trial);
                Assert.True(seen.Add(r.NextUInt64()), $"({seed}, {trial}) repeats another stream's first draw");
            }
    }
}
