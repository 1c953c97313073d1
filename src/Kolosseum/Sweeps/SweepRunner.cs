using System.Globalization;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Kolosseum.Units;

namespace Kolosseum.Sweeps;

/// <summary>How a shard runs: which share, how many points at once, progress and cancellation.</summary>
public sealed record SweepRunOptions
{
    public Shard Shard { get; init; } = Shard.All;

    /// <summary>Points planned at once (each plan on one thread); null: every core. Results do not depend on it.</summary>
    public int? Threads { get; init; }

    /// <summary>Points done so far and the shard's total.</summary>
    public IProgress<(long Done, long Total)>? Progress { get; init; }

    public CancellationToken Cancellation { get; init; }
}

/// <summary>
/// Runs a shard of a sweep: checks every point of the shard first (all problems at once, before any plan runs),
/// then plans each point with one <see cref="Planner.Run"/> call (docs/sweeps.md, "How a point is planned") and
/// returns one row per point in point order.
/// </summary>
public static class SweepRunner
{
    /// <summary>Checks the points of <paramref name="shard"/> (every point with <see cref="Shard.All"/>) without planning them.</summary>
    public static bool Check(SweepPoints points, SweepSpec spec, Shard shard, DiagnosticBag bag)
    {
        int before = bag.ErrorCount;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        bool ok = true;
        foreach (long k in shard.Points(spec.Points))
        {
            ok &= points.Build(k, bag, seen) is not null;
            if (bag.ErrorCount - before >= DiagnosticBag.MaxReported) break;
        }
        return ok;
    }

    /// <summary>The plan settings of every point: no what-if table unless asked, the sweep's trials, one thread per plan.</summary>
    public static PlanOptions PlanOptionsFor(SweepSpec spec, SweepPoint point, CancellationToken cancellation) => new()
    {
        Seed = point.Seed,
        Trials = spec.Trials,
        Threads = 1,
        WhatIf = spec.WhatIf,
        Cancellation = cancellation,
    };

    public static SweepTable? Run(SweepSpec spec, SweepPoints points, SweepRunOptions options, DiagnosticBag bag)
    {
        var shard = options.Shard;
        if (!Check(points, spec, shard, bag)) return null;
        var ks = shard.Points(spec.Points).ToArray();
        var rows = new object?[ks.Length][];
        int optionCount = 0;
        long done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount, CancellationToken = options.Cancellation };
        Parallel.For(0, ks.Length, parallel, i =>
        {
            var point = points.Build(ks[i], new DiagnosticBag()) ?? throw new InvalidOperationException($"point {ks[i]} passed the check but did not build");
            var plan = Planner.Run(point.Scenario, PlanOptionsFor(spec, point, options.Cancellation));
            rows[i] = SweepColumns.Row(spec, point, plan, shard);
            Interlocked.Exchange(ref optionCount, point.Scenario.Options.Count);
            options.Progress?.Report((Interlocked.Increment(ref done), ks.Length));
        });
        if (ks.Length == 0)
        {
            var first = points.Build(0, new DiagnosticBag());
            optionCount = first?.Scenario.Options.Count ?? 0;
        }
        return new SweepTable(SweepColumns.For(spec, optionCount), rows, Metadata(spec, shard));
    }

    public static IReadOnlyDictionary<string, string> Metadata(SweepSpec spec, Shard shard) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SweepTable.SweepHashKey] = spec.Hash,
        [SweepTable.SweepNameKey] = spec.Name,
        [SweepTable.PointsKey] = spec.Points.Inv(),
        [SweepTable.ShardKey] = shard.Index.Inv(),
        [SweepTable.ShardsKey] = shard.Count.Inv(),
        [SweepTable.AxesKey] = string.Join("\n", spec.Axes.Select(a => a.Path)),
        [SweepTable.TrialsKey] = spec.Trials.ToString(CultureInfo.InvariantCulture),
    };
}
