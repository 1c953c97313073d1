using Kolosseum.Reliability;
using Kolosseum.Units;
using static Kolosseum.Tests.Reliability.ReliabilityFixtures;

namespace Kolosseum.Tests.Reliability;

/// <summary>
/// The recorded timeline keeps its first events only, so one trial's memory does not grow with the run's
/// length (10 million GPUs over a century held 13.6 GB); the count, the end and the digest cover every event.
/// </summary>
public class BoundedTimelineTests
{
    [Fact]
    public void The_timeline_keeps_its_first_events_and_counts_all_of_them()
    {
        var inputs = ReliabilityInputs.Build(Job(100_000, window: Duration.FromDays(100)), Defaults, Embedded);
        var all = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 1, Seed = 5, TimelineLimit = 1_000_000 });
        var few = ReliabilitySimulator.Run(inputs, new SimulationOptions { Trials = 1, Seed = 5, TimelineLimit = 50 });
        Assert.True(all.Timeline.Count > 1000, all.Timeline.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(all.Timeline.Count, all.TimelineEvents);
        Assert.Equal(50, few.Timeline.Count);
        Assert.Equal(all.TimelineEvents, few.TimelineEvents);
        Assert.Equal(all.Timeline.Take(50), few.Timeline);
        Assert.Equal(all.Timeline[^1].At, few.TimelineEnd);
        Assert.Equal(all.TraceDigest, few.TraceDigest);
    }

    [Fact]
    public void Memory_of_a_long_trial_does_not_grow_with_its_interruptions()
    {
        // A million GPUs for a year: some 180,000 events, 18 times the events kept; kept or not, they allocate nothing.
        var inputs = ReliabilityInputs.Build(Job(1_000_000, window: Duration.FromDays(365)), Defaults, Embedded);
        var options = new SimulationOptions { Trials = 1, Seed = 2, Threads = 1 };
        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = ReliabilitySimulator.Run(inputs, options);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(r.TimelineEvents > 10 * SimulationOptions.DefaultTimelineLimit, r.TimelineEvents.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(SimulationOptions.DefaultTimelineLimit, r.Timeline.Count);
        Assert.True(allocated < 32L * 1024 * 1024, $"{allocated} bytes allocated for {r.TimelineEvents} events");
    }
}
