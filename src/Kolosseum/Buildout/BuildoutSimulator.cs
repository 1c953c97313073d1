using Kolosseum.Units;

namespace Kolosseum.Buildout;

/// <summary>How to run the build-out Monte-Carlo. Results depend on the seed and trial count only, never on the thread count.</summary>
public sealed record BuildoutRunOptions
{
    public const ulong DefaultSeed = 1;
    public const int DefaultTrials = 10_000;
    public const int MaxTrials = 200_000;

    public ulong Seed { get; init; } = DefaultSeed;
    public int Trials { get; init; } = DefaultTrials;

    /// <summary>-1: all cores. Changes only the speed.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>
/// Monte-Carlo over a build-out (AACE RP 57R-09 style): each trial draws every phase from its
/// beta-PERT (and fat tail, if any), runs the phase graph forward (a phase starts when all it waits for
/// have finished), draws the ramp's rates and lags, and records when each GPU count comes online.
/// Trial i draws from its own stream (seed, i), and results are written to slot i, so the outcome is
/// identical for a seed whatever the thread count.
/// </summary>
public static class BuildoutSimulator
{
    private const int BlockSize = 256;

    /// <summary>The weekly bands stop at 20 years even if some trial takes longer.</summary>
    public const int MaxWeeks = 1044;

    public static BuildoutResult Run(BuildoutModel model, BuildoutRunOptions? options = null, IProgress<int>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new BuildoutRunOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Trials, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Trials, BuildoutRunOptions.MaxTrials);
        var compiled = new CompiledBuildout(model);
        int trials = options.Trials;
        int n = compiled.PhaseCount;
        var durations = new double[n * trials];
        var finishes = new double[n * trials];
        var ramps = new RampTrial[trials];
        var criticalCounts = new long[n + 2];
        int done = 0;
        int blocks = (trials + BlockSize - 1) / BlockSize;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellation };

        Parallel.For(0, blocks, parallel,
            () => new Worker(n),
            (block, _, worker) =>
            {
                int end = Math.Min(trials, (block + 1) * BlockSize);
                for (int t = block * BlockSize; t < end; t++)
                {
                    var random = new TrialRandom(options.Seed, t);
                    var ramp = compiled.Run(ref random, worker.Duration, worker.Finish);
                    ramps[t] = ramp;
                    for (int k = 0; k < n; k++)
                    {
                        durations[k * trials + t] = worker.Duration[k];
                        finishes[k * trials + t] = worker.Finish[k];
                    }
                    int bound = compiled.MarkCritical(ramp, worker.Finish, worker.Critical);
                    for (int k = 0; k < n; k++) if (worker.Critical[k]) worker.Counts[k]++;
                    if (bound > 0) worker.Counts[n + bound - 1]++;
                }
                int now = Interlocked.Add(ref done, end - block * BlockSize);
                progress?.Report(now);
                return worker;
            },
            worker =>
            {
                // Integer counts: the sum is the same in whatever order workers finish.
                lock (criticalCounts)
                    for (int k = 0; k < criticalCounts.Length; k++) criticalCounts[k] += worker.Counts[k];
            });

        var phases = new PhaseOutcome[n];
        for (int k = 0; k < n; k++)
        {
            var p = model.Phases[k];
            phases[k] = new PhaseOutcome(p.Name, p.What, p.After, p.Duration, p.Source,
                Quantiles.Durations(durations.AsSpan(k * trials, trials)),
                Quantiles.Durations(finishes.AsSpan(k * trials, trials)),
                (double)criticalCounts[k] / trials);
        }
        var stages = RampStages(model, compiled, ramps, criticalCounts[n], criticalCounts[n + 1]);
        var weekly = Weekly(model, compiled, ramps, parallel);
        return new BuildoutResult(model, options, ramps, phases, stages, weekly);
    }

    private sealed class Worker(int phases)
    {
        public readonly double[] Duration = new double[phases];
        public readonly double[] Finish = new double[phases];
        public readonly bool[] Critical = new bool[phases];
        public readonly long[] Counts = new long[phases + 2];
    }

    private static RampStageOutcome[] RampStages(BuildoutModel model, CompiledBuildout compiled, RampTrial[] ramps, long deliveryBound, long installBound)
    {
        if (model.Ramp is not { } ramp) return [];
        int trials = ramps.Length;
        double servers = compiled.Servers;
        var values = new double[trials];
        RampStageOutcome Stage(string name, string estimate, string source, Func<RampTrial, double> seconds, double criticality)
        {
            for (int i = 0; i < trials; i++) values[i] = seconds(ramps[i]);
            return new RampStageOutcome(name, estimate, source, Quantiles.Durations(values), criticality);
        }
        double lagCritical = 1;
        return
        [
            Stage("server deliveries", ramp.DeliveryRate.ToString(), ramp.DeliveryRateSource, r => servers / r.DeliveryRate, (double)deliveryBound / trials),
            Stage("installation and cabling", ramp.InstallRate.ToString(), ramp.InstallRateSource, r => servers / r.InstallRate, (double)installBound / trials),
            Stage("burn-in", ramp.BurnIn.ToString(), ramp.BurnInSource, r => r.BurnIn, ramp.BurnIn.Max.Seconds > 0 ? lagCritical : 0),
            Stage("acceptance", ramp.Acceptance.ToString(), ramp.AcceptanceSource, r => r.Acceptance, ramp.Acceptance.Max.Seconds > 0 ? lagCritical : 0),
        ];
    }

    /// <summary>
    /// Capacity bands for weeks 0..W. W covers the P95 full-capacity time, beyond which at least 95 %
    /// of trials are complete and the P10 band can no longer be below the whole cluster; rows after the
    /// first all-complete week are dropped.
    /// </summary>
    private static List<CapacityWeek> Weekly(BuildoutModel model, CompiledBuildout compiled, RampTrial[] ramps, ParallelOptions parallel)
    {
        int trials = ramps.Length;
        double servers = compiled.Servers;
        var full = new double[trials];
        for (int i = 0; i < trials; i++) full[i] = ramps[i].TimeToReach(servers);
        double p95 = QuantileAt(full, 0.95);
        int weeks = (int)Math.Min(MaxWeeks, Math.Ceiling(p95 / Duration.SecondsPerWeek) + 1);
        // Before the earliest first server and after the latest finish every trial agrees: no need to look.
        double earliest = double.PositiveInfinity, latest = 0;
        for (int i = 0; i < trials; i++)
        {
            earliest = Math.Min(earliest, ramps[i].InstallStart + ramps[i].Lag);
            latest = Math.Max(latest, full[i]);
        }
        var rows = new CapacityWeek[weeks + 1];
        Parallel.For(0, weeks + 1, parallel,
            () => new double[trials],
            (w, _, buffer) =>
            {
                double t = w * Duration.SecondsPerWeek;
                if (t < earliest || t >= latest)
                {
                    long all = t < earliest ? 0 : model.Gpus;
                    rows[w] = new CapacityWeek(w, model.Start.AddDays(7 * w), all, all, all);
                    return buffer;
                }
                for (int i = 0; i < trials; i++)
                    buffer[i] = Math.Min(model.Gpus, Math.Floor(ramps[i].ServersAt(t, servers) + 1e-9) * model.GpusPerServer);
                var (a, b, c) = Quantiles.Of(buffer);
                rows[w] = new CapacityWeek(w, model.Start.AddDays(7 * w), (long)a, (long)b, (long)c);
                return buffer;
            },
            _ => { });
        int last = Array.FindIndex(rows, r => r.P10 >= model.Gpus);
        return last < 0 ? [.. rows] : [.. rows.Take(last + 1)];
    }

    private static double QuantileAt(double[] values, double p)
    {
        var copy = (double[])values.Clone();
        Array.Sort(copy);
        return copy[Quantiles.Rank(p, copy.Length)];
    }
}
