using System.Diagnostics;
using Kolosseum.Performance;
using Kolosseum.Units;

namespace Kolosseum.Search;

/// <summary>
/// Exhaustive search over parallel layouts with the performance model, ranked by time to train.
/// Streams: it keeps the top K, the Pareto front and rejection counts, never the list of layouts.
/// Work is split by (tp, cp, pp, dp); results are merged under a total order, so they are identical
/// whatever the thread count. See docs/search.md.
/// </summary>
public static class LayoutSearch
{
    private readonly record struct WorkItem(int Tp, int Cp, int Pp, int Dp, int Batch);

    /// <summary>
    /// The (tp, cp, pp, dp, batch) groups of a space, the micro-batch sizes per replica batch, the performance model of
    /// each global batch and the candidates they hold.
    /// </summary>
    private sealed record Work(List<WorkItem> Items, Dictionary<int, int[]> MicroBatches, Dictionary<int, PerformanceModel> Models, long Candidates, long[] Rejected);

    public static SearchResult Run(PerformanceModel model, long gpus, SearchSpace space, int topK, SearchOptions? options = null)
    {
        options ??= new SearchOptions();
        var watch = Stopwatch.StartNew();

        if (!model.Gpu.Supports(model.Training.Precision))
        {
            var unsupported = new long[Enum.GetValues<RejectionReason>().Length];
            unsupported[(int)RejectionReason.PrecisionUnsupported]++;
            return Finish(gpus, 0, 0, unsupported, [], [], watch, 1);
        }

        var work = Prepare(model, gpus, space);
        var rejected = work.Rejected;
        var items = work.Items;
        if (work.Candidates > space.MaxCandidates)
        {
            // Refused before any evaluation: a model or batch with thousands of divisors would otherwise run for days.
            rejected[(int)RejectionReason.SearchSpaceTooLarge]++;
            return Finish(gpus, 0, 0, rejected, [], [], watch, 1) with { Candidates = work.Candidates };
        }

        int threads = Math.Max(1, options.Threads ?? Environment.ProcessorCount);
        var partials = new List<Accumulator>();
        long done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = options.Cancellation };
        // A space without groups (fixed degrees that fit no GPU count) has nothing to evaluate; the partitioner needs a range.
        if (items.Count > 0)
        {
            Parallel.ForEach(
                System.Collections.Concurrent.Partitioner.Create(0, items.Count, Math.Max(1, items.Count / (threads * 16) + 1)),
                parallel,
                () => new Accumulator(topK),
                (range, _, acc) =>
                {
                    for (int i = range.Item1; i < range.Item2; i++)
                        Explore(work.Models[items[i].Batch], space, items[i], work.MicroBatches, work.Models, acc);
                    long now = Interlocked.Add(ref done, range.Item2 - range.Item1);
                    options.Progress?.Report((double)now / items.Count);
                    return acc;
                },
                acc =>
                {
                    lock (partials) partials.Add(acc);
                });
        }

        // Merge in a fixed order so the result does not depend on which thread found what.
        var best = new List<RankedLayout>();
        var front = new Dictionary<long, RankedLayout>();
        long evaluated = 0, feasible = 0;
        foreach (var acc in partials)
        {
            evaluated += acc.Evaluated;
            feasible += acc.Feasible;
            for (int r = 0; r < rejected.Length; r++) rejected[r] += acc.Rejected[r];
            best.AddRange(acc.Top);
            foreach (var (g, layout) in acc.BestPerGpuCount)
                if (!front.TryGetValue(g, out var current) || RankedLayout.Compare(layout, current) < 0) front[g] = layout;
        }
        best.Sort((x, y) => RankedLayout.Compare(x, y));
        if (best.Count > topK) best.RemoveRange(topK, best.Count - topK);
        return Finish(gpus, evaluated, feasible, rejected, best, ParetoFront(front.Values), watch, threads) with { Candidates = work.Candidates };
    }

    /// <summary>
    /// How many layouts a search of this space would consider, counted without evaluating any;
    /// <see cref="long.MaxValue"/> when that is more than the space's MaxCandidates or its groups exceed MaxWorkItems.
    /// </summary>
    public static long CountCandidates(PerformanceModel model, long gpus, SearchSpace space) =>
        model.Gpu.Supports(model.Training.Precision) ? Prepare(model, gpus, space).Candidates : 0;

    /// <summary>
    /// Lists the (tp, cp, pp, dp) groups and counts their candidates. Listing stops at MaxWorkItems and counting
    /// at MaxCandidates, so that a hostile model (thousands of layers, heads or a batch with hundreds of
    /// divisors) costs bounded time and memory before the search refuses it.
    /// </summary>
    private static Work Prepare(PerformanceModel model, long gpus, SearchSpace space)
    {
        var rejected = new long[Enum.GetValues<RejectionReason>().Length];
        var items = new List<WorkItem>();
        var models = new Dictionary<int, PerformanceModel> { [model.Training.GlobalBatch] = model };
        foreach (var segment in model.Training.BatchSchedule)
            if (!models.ContainsKey(segment.GlobalBatch)) models[segment.GlobalBatch] = model.AtBatch(segment.GlobalBatch);
        var training = model.Training;
        int[] batchDivisors = [.. Divisors(training.GlobalBatch)];
        foreach (int tp in space.Tp ?? Divisors(model.Model.Heads))
        {
            if (tp < 1 || tp > gpus) continue;
            if (model.Model.Heads % tp != 0 || model.Model.KvHeads % tp != 0)
            {
                rejected[(int)RejectionReason.TpNotDividingHeads]++;
                continue;
            }
            foreach (int cp in space.Cp ?? PowersOfTwo(space.MaxCp))
            {
                if ((long)tp * cp > gpus) continue;
                if (cp > 1 && training.SeqLen % (2 * cp) != 0)
                {
                    rejected[(int)RejectionReason.CpNotDividingSequence]++;
                    continue;
                }
                foreach (int pp in space.Pp ?? Range(1, model.Model.Layers))
                {
                    long basis = (long)tp * cp * pp;
                    if (basis > gpus || pp > model.Model.Layers) continue;
                    bool any = false;
                    foreach (int dp in DataParallelDegrees(space, batchDivisors, training.GlobalBatch, basis, gpus))
                    {
                        if (items.Count >= space.MaxWorkItems) return new Work(items, [], models, long.MaxValue, rejected);
                        items.Add(new WorkItem(tp, cp, pp, dp, training.GlobalBatch));
                        any = true;
                    }
                    // The dp that fills the cluster, at a batch next to this one that it divides (docs/search.md, "Global batch").
                    long fill = gpus / basis;
                    if (space.FreeBatch && space.Dp is null && fill <= int.MaxValue && fill * basis >= space.MinGpuFraction * gpus
                        && training.GlobalBatch % fill != 0)
                    {
                        foreach (int b in training.BatchesNear((int)fill))
                        {
                            if (items.Count >= space.MaxWorkItems) return new Work(items, [], models, long.MaxValue, rejected);
                            if (!models.ContainsKey(b)) models[b] = model.AtBatch(b);
                            items.Add(new WorkItem(tp, cp, pp, (int)fill, b));
                            any = true;
                        }
                    }
                    if (!any) rejected[(int)RejectionReason.NoDataParallelDegree]++;
                }
            }
        }

        var microBatches = new Dictionary<int, int[]>();
        int[] expertDivisors = model.Model.Moe is { } moe ? [.. Divisors(moe.Experts)] : [1];
        long candidates = 0;
        foreach (var w in items)
        {
            int perReplica = w.Batch / w.Dp;
            if (!microBatches.TryGetValue(perReplica, out var sizes)) microBatches[perReplica] = sizes = MicroBatchSizes(space, perReplica);
            candidates += InnerCount(model, space, w, expertDivisors, sizes.Length);
            if (candidates > space.MaxCandidates) return new Work(items, microBatches, models, long.MaxValue, rejected);
        }
        return new Work(items, microBatches, models, candidates, rejected);
    }

    /// <summary>The layouts <see cref="Explore"/> considers in one group: every ep, vpp, ZeRO stage, SP, recompute and micro-batch.</summary>
    private static long InnerCount(PerformanceModel model, SearchSpace space, WorkItem w, int[] expertDivisors, int microBatches)
    {
        long ep = space.Ep?.Count ?? (model.Model.Moe is null ? 1 : expertDivisors.Count(d => d <= (long)w.Tp * w.Dp * w.Cp));
        long vpp = space.Vpp?.Count ?? (w.Pp > 1 ? Math.Max(0, Math.Min(space.MaxVpp, model.Model.Layers / w.Pp)) : 1);
        long zero = space.Zero?.Count ?? ((long)w.Dp * w.Cp > 1 ? ZeroStages.Length : 1);
        long sp = space.SequenceParallel?.Count ?? (w.Tp > 1 ? 2 : 1);
        long recompute = space.Recompute?.Count ?? AllRecompute.Length;
        long etp = space.ExpertTp?.Count ?? (model.Model.Moe is not null && w.Tp > 1 ? 2 : 1);
        return ep * etp * vpp * zero * sp * recompute * microBatches;
    }

    private static SearchResult Finish(long gpus, long evaluated, long feasible, long[] rejected, List<RankedLayout> best,
        List<RankedLayout> pareto, Stopwatch watch, int threads)
    {
        var reasons = new SortedDictionary<RejectionReason, long>();
        for (int r = 0; r < rejected.Length; r++)
            if (rejected[r] > 0) reasons[(RejectionReason)r] = rejected[r];
        return new SearchResult
        {
            ClusterGpus = gpus, Evaluated = evaluated, Feasible = feasible, Rejected = reasons, Best = best, Pareto = pareto,
            Elapsed = new Duration(watch.Elapsed.TotalSeconds), Threads = threads,
        };
    }

    /// <summary>
    /// The layouts of one (tp, cp, pp, dp): every ep, vpp, ZeRO stage, SP, recompute and micro-batch.
    /// Per-layer terms depend only on (ep, sp, micro-batch), so those are the outer loops and the terms are
    /// prepared once for every vpp, ZeRO stage and recompute choice. Micro-batches grow in the outer loop and
    /// memory only grows with them, so a (vpp, ZeRO, recompute) that did not fit is skipped for larger ones.
    /// </summary>
    private static void Explore(PerformanceModel model, SearchSpace space, WorkItem w, Dictionary<int, int[]> microBatchSizes,
        Dictionary<int, PerformanceModel> models, Accumulator acc)
    {
        var m = model.Model;
        int perReplica = w.Batch / w.Dp;
        double trainSteps = model.Training.Steps;
        bool scheduled = model.Training.BatchSchedule.Count > 0;
        int[] microBatches = microBatchSizes[perReplica];
        int mbCount = microBatches.Length;
        bool moe = m.Moe is not null;
        int maxVpp = w.Pp > 1 ? Math.Min(space.MaxVpp, m.Layers / w.Pp) : 1;
        var vpps = space.Vpp ?? RangeArray(1, maxVpp);
        var zeros = space.Zero ?? (w.Dp * w.Cp > 1 ? ZeroStages : ZeroOnly);
        var recomputes = space.Recompute ?? AllRecompute;
        // Combinations already too big at a smaller micro-batch.
        Span<bool> failed = stackalloc bool[vpps.Count * zeros.Count * recomputes.Count];

        // Experts split like the dense layers (etp = tp), or whole on one GPU with the expert-parallel group
        // carved out of tp × dp × cp (etp = 1, Megatron-Core's parallel folding): both when tp > 1.
        int[] etps = space.ExpertTp is { } fixedEtp ? [.. fixedEtp] : moe && w.Tp > 1 ? [w.Tp, 1] : [w.Tp];
        foreach (int ep in space.Ep ?? (moe ? DivisorsUpTo(m.Moe!.Experts, (long)w.Tp * w.Dp * w.Cp) : One))
        foreach (int etp in etps)
        {
            long expertRanks = etp >= 1 && w.Tp % etp == 0 ? (long)w.Tp * w.Dp * w.Cp / etp : 0;
            bool folded = etp != w.Tp;
            if (expertRanks == 0 || (folded && (!moe || ep == 1)) || (ep > 1 && (!moe || m.Moe!.Experts % ep != 0
                || (folded ? expertRanks % ep != 0 : ((long)w.Dp * w.Cp) % ep != 0))))
            {
                acc.Rejected[(int)RejectionReason.EpNotDividing]++;
                continue;
            }
            int expertTp = folded ? etp : 0;
            foreach (bool sp in space.SequenceParallel ?? (w.Tp > 1 ? BothSp : NoSp))
            {
                if (sp && w.Tp == 1)
                {
                    acc.Rejected[(int)RejectionReason.SequenceParallelWithoutTp]++;
                    continue;
                }
                failed.Clear();
                for (int i = 0; i < mbCount; i++)
                {
                    int mb = microBatches[i];
                    int micro = perReplica / mb;
                    var terms = model.Prepare(new Layout(w.Tp, w.Pp, 1, w.Dp, w.Cp, ep, 0, sp, Recompute.None, mb) { ExpertTp = expertTp });
                    int slot = 0;
                    for (int v = 0; v < vpps.Count; v++)
                    {
                        int vpp = vpps[v];
                        bool vppInvalid = vpp > 1 && (w.Pp < 2 || (long)w.Pp * vpp > m.Layers || micro % w.Pp != 0);
                        for (int z = 0; z < zeros.Count; z++)
                        {
                            for (int r = 0; r < recomputes.Count; r++, slot++)
                            {
                                if (vppInvalid)
                                {
                                    acc.Rejected[(int)RejectionReason.VirtualStagesInvalid]++;
                                    continue;
                                }
                                if (failed[slot])
                                {
                                    acc.Rejected[(int)RejectionReason.PrunedDoesNotFit]++;
                                    continue;
                                }
                                var layout = new Layout(w.Tp, w.Pp, vpp, w.Dp, w.Cp, ep, zeros[z], sp, recomputes[r], mb) { ExpertTp = expertTp };
                                if (space.Admit is { } admit && !admit(layout))
                                {
                                    acc.Rejected[(int)RejectionReason.OutsideValidated]++;
                                    continue;
                                }
                                var estimate = model.Evaluate(in layout, in terms);
                                acc.Evaluated++;
                                if (!estimate.Fits && space.RequireFit)
                                {
                                    acc.Rejected[(int)RejectionReason.DoesNotFit]++;
                                    failed[slot] = true;
                                    continue;
                                }
                                double seconds = trainSteps * estimate.StepTime;
                                if (scheduled)
                                {
                                    // A batch ramp: each segment at its own batch on this layout (docs/search.md, "Batch schedule").
                                    if (BatchSchedule.Seconds(model.Training, in layout, in terms, estimate.TokensPerSecond, models) is not { } s)
                                    {
                                        acc.Rejected[(int)RejectionReason.ScheduleBatchInvalid]++;
                                        continue;
                                    }
                                    seconds = s;
                                }
                                acc.Feasible++;
                                acc.Offer(new RankedLayout(layout, estimate, seconds, model));
                            }
                        }
                    }
                }
            }
        }
    }

    private static int[] RangeArray(int from, int to)
    {
        var a = new int[Math.Max(0, to - from + 1)];
        for (int i = 0; i < a.Length; i++) a[i] = from + i;
        return a;
    }

    /// <summary>
    /// Micro-batch sizes for a per-replica batch: its 64 smallest divisors (or the fixed sizes that divide it).
    /// Taken from the divisor list rather than by trying every size up to the batch, which took seconds per
    /// group at a batch of 10^8 sequences.
    /// </summary>
    private static int[] MicroBatchSizes(SearchSpace space, int perReplica)
    {
        if (space.MicroBatch is { } fixedValues)
            return [.. fixedValues.Order().Where(mb => mb >= 1 && perReplica % mb == 0).Take(64)];
        return [.. Divisors(perReplica).Take(64)];
    }

    /// <summary>dp values that divide the global batch and use between MinGpuFraction and all of the GPUs.</summary>
    private static IEnumerable<int> DataParallelDegrees(SearchSpace space, int[] batchDivisors, int globalBatch, long basis, long gpus)
    {
        long max = gpus / basis;
        long min = (long)Math.Ceiling(space.MinGpuFraction * gpus / basis);
        if (space.Dp is { } fixedDp)
        {
            foreach (int d in fixedDp)
                if (d >= 1 && d <= max && globalBatch % d == 0) yield return d;
            yield break;
        }
        // Ascending divisors, computed once per search: start at the first in range instead of scanning them all.
        int first = Array.BinarySearch(batchDivisors, (int)Math.Clamp(min, 1, int.MaxValue));
        for (int i = first < 0 ? ~first : first; i < batchDivisors.Length && batchDivisors[i] <= max; i++)
            yield return batchDivisors[i];
    }

    private static List<RankedLayout> ParetoFront(IEnumerable<RankedLayout> bestPerGpuCount)
    {
        var sorted = bestPerGpuCount.OrderBy(l => l.Gpus).ThenBy(l => l.TrainSeconds).ToList();
        var front = new List<RankedLayout>();
        double bestTime = double.MaxValue;
        foreach (var l in sorted)
        {
            if (l.TrainSeconds < bestTime)
            {
                front.Add(l);
                bestTime = l.TrainSeconds;
            }
        }
        return front;
    }

    private static readonly int[] One = [1];
    private static readonly int[] ZeroStages = [0, 1, 2, 3];
    private static readonly int[] ZeroOnly = [0];
    private static readonly bool[] BothSp = [false, true];
    private static readonly bool[] NoSp = [false];
    private static readonly Recompute[] AllRecompute = [Recompute.None, Recompute.Selective, Recompute.Full];

    private static IEnumerable<int> Range(int from, int to)
    {
        for (int i = from; i <= to; i++) yield return i;
    }

    private static IEnumerable<int> PowersOfTwo(int max)
    {
        for (int i = 1; i <= max; i *= 2) yield return i;
    }

    private static IEnumerable<int> Divisors(long n) => LayoutRules.Divisors(n);

    private static IEnumerable<int> DivisorsUpTo(long n, long max) => LayoutRules.Divisors(n).Where(d => d <= max);

    /// <summary>Per-thread state: counts, the top K and the best layout per GPU count (for the Pareto front).</summary>
    private sealed class Accumulator(int topK)
    {
        public long Evaluated;
        public long Feasible;
        public readonly long[] Rejected = new long[Enum.GetValues<RejectionReason>().Length];
        public readonly List<RankedLayout> Top = new(topK + 1);
        public readonly Dictionary<long, RankedLayout> BestPerGpuCount = [];

        public void Offer(in RankedLayout candidate)
        {
            if (!BestPerGpuCount.TryGetValue(candidate.Gpus, out var current) || RankedLayout.Compare(candidate, current) < 0)
                BestPerGpuCount[candidate.Gpus] = candidate;
            if (Top.Count == topK && RankedLayout.Compare(candidate, Top[^1]) >= 0) return;
            int i = Top.Count;
            while (i > 0 && RankedLayout.Compare(candidate, Top[i - 1]) < 0) i--;
            Top.Insert(i, candidate);
            if (Top.Count > topK) Top.RemoveAt(Top.Count - 1);
        }
    }
}
