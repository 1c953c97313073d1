using System.Diagnostics;
using Kolosseum.Reliability.Simulation;
using Kolosseum.Reliability.Statistics;
using Kolosseum.Units;

namespace Kolosseum.Reliability;

/// <summary>
/// Runs the Monte-Carlo simulation of a training run: trials in parallel on all cores, each with its own
/// random stream derived from (seed, trial index), statistics merged order-independently. The same seed
/// gives the same result (to the bit) whatever the thread count.
/// </summary>
public static class ReliabilitySimulator
{
    /// <summary>Trials per work item: large enough to amortise scheduling, small enough to balance two cores.</summary>
    private const int Chunk = 16;

    /// <summary>Below this Daly ETTR the run would take over 100 times its failure-free time: reported, not simulated.</summary>
    public const double MinimumAnalyticEttr = 1 / SimulationModel.MaxSlowdown;

    /// <summary>
    /// Trials whose ETTR and days are kept one by one (the first ones by index), for histograms. Bounded so that
    /// memory does not grow with the trial count; indexed by trial, so the samples do not depend on the threads.
    /// </summary>
    public const int SampleLimit = 2000;

    /// <summary>
    /// Most interruptions the trials may hold together (about 80 s on two cores, at some 1.3e7 a second).
    /// 100,000 trials of a 100-day run on 100k GPUs hold about 7e8; a run stretched to centuries by absurd
    /// inputs is far beyond and would never end, so it is reported instead of simulated (docs/hardening.md).
    /// </summary>
    public const double MaxInterruptions = 1e9;

    public static ReliabilityResult Run(ReliabilityInputs inputs, SimulationOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Trials, 1);
        if (inputs.Job.Work is null && inputs.Job.Window is null)
            throw new ArgumentException("a job needs work to do or a window to simulate", nameof(inputs));
        var clock = Stopwatch.StartNew();
        var model = SimulationModel.From(inputs);
        if (inputs.Job.Window is null && inputs.AnalyticEttr < MinimumAnalyticEttr)
        {
            string reason = $"failures every {inputs.Failures.Mtbi} against a {inputs.Restart.Total} restart: Daly's model expects "
                + $"an ETTR of {inputs.AnalyticEttr.Inv("0.####")}, more than {SimulationModel.MaxSlowdown.Inv()} times the failure-free time";
            return Build(inputs, options, new TrialAccumulator(model.CauseCount), [], new TrialSamples(0), clock.Elapsed) with { Infeasible = reason };
        }

        double span = inputs.Job.Window?.Seconds ?? inputs.Job.Work!.Value.Seconds / Math.Max(inputs.AnalyticEttr, MinimumAnalyticEttr);
        double expected = span / 3600 * (inputs.Failures.UnexpectedPerHour + inputs.Failures.PlannedPerHour) * options.Trials;
        if (!(expected <= MaxInterruptions))
        {
            string reason = $"{options.Trials.Inv()} trials of {new Duration(span)} would hold about {expected.Inv("0.#e0")} interruptions, "
                + $"more than the {MaxInterruptions.Inv("0e0")} the simulation follows: give fewer trials, or a shorter run";
            return Build(inputs, options, new TrialAccumulator(model.CauseCount), [], new TrialSamples(0), clock.Elapsed) with { Infeasible = reason };
        }

        var total = new TrialAccumulator(model.CauseCount);
        var samples = new TrialSamples((int)Math.Min(options.Trials, SampleLimit));
        long chunks = (options.Trials + Chunk - 1) / Chunk;
        long done = 0;
        var parallel = new ParallelOptions { CancellationToken = options.Cancellation, MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        Parallel.For(0L, chunks, parallel,
            () => (Sim: new TrialSimulator(model), Acc: new TrialAccumulator(model.CauseCount)),
            (chunk, _, worker) =>
            {
                long first = chunk * Chunk, end = Math.Min(options.Trials, first + Chunk);
                for (long trial = first; trial < end; trial++)
                {
                    worker.Sim.Run(options.Seed, trial);
                    worker.Acc.Add(trial, worker.Sim.Outcome, worker.Sim.CauseCounts);
                    samples.Record(trial, worker.Sim.Outcome);
                }
                long now = Interlocked.Add(ref done, end - first);
                options.Progress?.Invoke(now, options.Trials);
                return worker;
            },
            worker =>
            {
                lock (total) total.Merge(worker.Acc);
            });

        IReadOnlyList<TimelineEvent> timeline = [];
        long events = 0;
        Duration? end = null;
        if (options.TimelineTrial >= 0 && options.TimelineTrial < options.Trials && options.TimelineLimit > 0)
        {
            var sim = new TrialSimulator(model);
            sim.Run(options.Seed, options.TimelineTrial, options.TimelineLimit);
            var keys = inputs.Failures.Causes.Select(c => c.Key).ToArray();
            timeline = [.. sim.Timeline!.Select(e => new TimelineEvent(new Duration(e.At), e.Kind, e.Cause >= 0 ? keys[e.Cause] : null,
                e.Kind == TimelineEventKind.Failure ? new Duration(e.Lost) : null, e.Nodes, e.Kind == TimelineEventKind.Resume ? e.Slowdown : null))];
            events = sim.EventCount;
            end = new Duration(sim.Outcome.Wall);
        }
        return Build(inputs, options, total, timeline, samples, clock.Elapsed) with { TimelineEvents = events, TimelineEnd = end };
    }

    private static ReliabilityResult Build(ReliabilityInputs inputs, SimulationOptions options, TrialAccumulator a, IReadOnlyList<TimelineEvent> timeline,
        TrialSamples samples, TimeSpan elapsed)
    {
        double gpus = inputs.Job.Gpus;
        double n = Math.Max(1, a.Trials);
        long unexpectedTotal = inputs.Failures.Causes.Select((c, i) => c.Planned ? 0 : a.CauseCounts[i]).Sum();
        var causes = inputs.Failures.Causes.Select((c, i) => new CauseSummary(
            c.Key, c.Entry.Component, c.Entry.Category, c.Planned, c.NeedsSpare, a.CauseCounts[i] / n,
            c.Planned ? double.NaN : unexpectedTotal > 0 ? (double)a.CauseCounts[i] / unexpectedTotal : double.NaN,
            c.PerHour * 24)).ToList();
        // Cluster-days x GPUs x 24 = GPU-hours.
        double G(ExactMoments m) => m.Count == 0 ? 0 : m.Mean * gpus * 24;
        return new ReliabilityResult
        {
            Inputs = inputs,
            Trials = (int)a.Trials,
            Seed = options.Seed,
            Finished = a.Finished,
            GaveUp = a.GaveUp,
            Days = Summarize(a.Days, a.DaysSketch.Quantile),
            Ettr = Summarize(a.Ettr, a.EttrSketch.Quantile),
            Goodput = Summarize(a.Goodput, a.GoodputSketch.Quantile),
            Interruptions = Summarize(a.Interruptions, a.InterruptionCounts.Quantile),
            PlannedStopsMean = a.Planned.Count == 0 ? 0 : a.Planned.Mean,
            Causes = causes,
            Lost = new GpuHoursLost(G(a.LostWork), G(a.Restart), G(a.Waiting), G(a.Checkpoint), G(a.Stragglers), G(a.Smaller), G(a.PlannedStops)),
            UsefulGpuHours = G(a.Useful),
            TotalGpuHours = G(a.Days),
            SparesUsedMean = a.SpareSwaps.Count == 0 ? 0 : a.SpareSwaps.Mean,
            WaitsForSparesMean = a.Waits.Count == 0 ? 0 : a.Waits.Mean,
            WorkDoneDaysMean = a.WorkDays.Count == 0 ? 0 : a.WorkDays.Mean,
            TimelineTrial = timeline.Count > 0 ? options.TimelineTrial : -1,
            Timeline = timeline,
            EttrSamples = samples.Ettr,
            DaysSamples = samples.Days,
            TraceDigest = a.Digest,
            Elapsed = new Duration(elapsed.TotalSeconds),
        };
    }

    private static Summary Summarize(ExactMoments m, Func<double, double> quantile) =>
        m.Count == 0
            ? new Summary(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Summary(m.Mean, m.StdDev, m.StandardError, quantile(0.1), quantile(0.5), quantile(0.9), quantile(0), quantile(1));
}
