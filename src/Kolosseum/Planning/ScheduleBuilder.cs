using System.Globalization;
using Kolosseum.Buildout;
using Kolosseum.Reliability;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>
/// When an option trains (docs/plan.md, "Schedule"). Two ways are compared and the sooner taken:
/// wait until the whole cluster is online and train at its best layout, or start on the capacity online
/// and move to a bigger layout at each capacity step of the scaling curve as the build-out delivers it.
/// P50 uses the build-out's median dates and the median goodput (failure-free time / wall time from the
/// reliability simulation); P90 uses the 90th-percentile dates and the 10th-percentile goodput.
/// </summary>
internal static class ScheduleBuilder
{
    public static Schedule Build(BuildoutResult buildout, IReadOnlyList<ScalingPoint> scaling, ReliabilityResult reliability, double tokens)
    {
        var full = buildout.FullCapacity;
        double daysP50 = reliability.Days.P50;
        double daysP90 = reliability.Days.P90;
        var waitP50 = AddDays(full.Date.P50, daysP50);
        var waitP90 = AddDays(full.Date.P90, daysP90);

        var steps = scaling.Where(s => s.Best is not null && s.ClusterGpus <= full.Gpus)
            .OrderBy(s => s.ClusterGpus).ToList();
        var growP50 = Grow(buildout, steps, tokens, reliability.Goodput.P50, p50: true);
        var growP90 = Grow(buildout, steps, tokens, reliability.Goodput.P10, p50: false);

        if (growP50 is { } g50 && growP90 is { } g90 && g50.Finish < waitP50)
        {
            return new Schedule
            {
                FullCapacityP50 = full.Date.P50, FullCapacityP90 = full.Date.P90,
                StartP50 = g50.Ramp[0].From, StartP90 = g90.Ramp[0].From,
                FinishP50 = g50.Finish, FinishP90 = Max(g90.Finish, g50.Finish),
                Ramp = g50.Ramp,
                Basis = string.Create(CultureInfo.InvariantCulture, $"starts on {UnitFormat.Count(g50.Ramp[0].Gpus, "GPU")} as the build-out delivers them and grows to the full layout; ") +
                        string.Create(CultureInfo.InvariantCulture, $"{UnitFormat.Count(waitP50.DayNumber - g50.Finish.DayNumber, "day")} sooner than waiting for full capacity"),
            };
        }
        return new Schedule
        {
            FullCapacityP50 = full.Date.P50, FullCapacityP90 = full.Date.P90,
            StartP50 = full.Date.P50, StartP90 = full.Date.P90,
            FinishP50 = waitP50, FinishP90 = waitP90,
            Ramp = [],
            Basis = "trains on the full cluster once it is online: starting on partial capacity would not finish sooner",
        };
    }

    private readonly record struct Growth(DateOnly Finish, IReadOnlyList<RampStep> Ramp);

    /// <summary>Integrates tokens over time as capacity comes online; each step uses the best layout for the GPUs then available.</summary>
    private static Growth? Grow(BuildoutResult buildout, IReadOnlyList<ScalingPoint> steps, double tokens, double goodput, bool p50)
    {
        if (steps.Count == 0 || !(goodput > 0)) return null;
        // (seconds since the build-out starts, training rate) for each capacity step.
        var events = steps.Select(s =>
        {
            var reach = buildout.TimeToReach(Math.Min(s.ClusterGpus, buildout.FullCapacity.Gpus)).SinceStart;
            return (At: (p50 ? reach.P50 : reach.P90).Seconds, Rate: s.Best!.TokensPerSecond * goodput, Step: s.Best!);
        }).OrderBy(e => e.At).ThenByDescending(e => e.Rate).ToList();

        var ramp = new List<RampStep>();
        double now = events[0].At, rate = events[0].Rate, done = 0;
        ramp.Add(new RampStep(buildout.DateAt(new Duration(now)), events[0].Step.Gpus, events[0].Step.Layout, rate, 0));
        foreach (var e in events.Skip(1))
        {
            if (e.Rate <= rate) continue;
            double reachable = done + rate * (e.At - now);
            if (reachable >= tokens) break;
            done = reachable;
            now = e.At;
            rate = e.Rate;
            ramp.Add(new RampStep(buildout.DateAt(new Duration(now)), e.Step.Gpus, e.Step.Layout, rate, done / tokens));
        }
        double finishSeconds = now + (tokens - done) / rate;
        return new Growth(buildout.DateAt(new Duration(Math.Ceiling(finishSeconds / Duration.SecondsPerDay) * Duration.SecondsPerDay)), ramp);
    }

    private static DateOnly AddDays(DateOnly date, double days) => date.AddDays((int)Math.Ceiling(days));

    private static DateOnly Max(DateOnly a, DateOnly b) => a >= b ? a : b;
}
