using Kolosseum.Performance;
using Kolosseum.Scenarios;
using Kolosseum.Search;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>Finds the layout of an option (its own, or the best by search) and the scaling curve.</summary>
internal static class LayoutChoice
{
    public sealed record Outcome(StepReport? Step, SearchResult? Search, IReadOnlyList<ScalingPoint> Scaling, string? Infeasible)
    {
        public IReadOnlyList<StepReport> Best { get; init; } = [];

        /// <summary>The performance model of the chosen batch (the run's training as planned).</summary>
        public PerformanceModel? Model { get; init; }

        /// <summary>
        /// Layouts the plan ranks by delivered time at full size: each batch's GPUs-vs-time Pareto front and fastest
        /// layouts (the layout fastest with failures is on a front: fewer GPUs fail less, a faster step works less).
        /// </summary>
        public IReadOnlyList<LayoutCandidate> Candidates { get; init; } = [];

        /// <summary>With <c>search.validated: beside</c>: the fastest layout whose features all lie inside the validated runs (null: none fits).</summary>
        public StepReport? ValidatedBest { get; init; }

        /// <summary>Whether the plan searched inside the validated runs beside the unconstrained search.</summary>
        public bool ValidatedSearched { get; init; }
    }

    /// <summary>
    /// Searches each anchor batch (the scenario's batch doubled up to its maximum), and near each the multiples of the
    /// dp that fills the cluster, and keeps the fastest layout over all of them; <paramref name="models"/> holds one
    /// performance model per anchor batch (each layout found carries the model of its own batch). The search
    /// uses at most <paramref name="trainable"/> GPUs: the option's GPUs less the nodes kept as hot spares.
    /// </summary>
    public static Outcome Choose(IReadOnlyList<PerformanceModel> models, ClusterOption option, long trainable, SearchSettings settings, int? threads,
        CancellationToken cancellation, ref long budget)
    {
        // Count first (cheap, nothing evaluated): the plan's searches together stay within its budget, so that a
        // scenario of 64 options, 32 cluster sizes and a batch range of 2^26 cannot run for days.
        long needed = Needed(models, option, trainable, settings);
        if (needed > budget)
        {
            string why = needed == long.MaxValue
                ? $"one of its layout searches would consider more than the {new SearchSpace().MaxCandidates.Inv()} layouts a search may"
                : $"its layout searches would consider {needed.Inv()} layouts, beyond the {budget.Inv()} left of the plan's limit of {MaxPlanCandidates.Inv()}";
            return new Outcome(null, null, [], why + ": give the option a layout, a smaller global_batch_max or fewer search.scaling_fractions");
        }
        budget -= needed;

        var scaling = new List<ScalingPoint>();
        SearchResult? full = null;
        PerformanceModel model = models[0];
        var candidates = new List<LayoutCandidate>();
        var searchOptions = new SearchOptions { Threads = threads, Cancellation = cancellation };
        var envelope = Validation.ValidatedEnvelope.Embedded;
        int seq = model.Training.SeqLen;
        // The cluster's size is the question, not a layout choice: the plan keeps the layout's shape inside the
        // validated runs and its validity note still says when the GPU count lies beyond them.
        Func<Layout, bool> inside = l => envelope.CoversShape(in l, seq);
        Func<Layout, bool>? admit = settings.Validated == ValidatedSearch.Only ? inside : null;
        foreach (double fraction in settings.ScalingFractions.OrderBy(f => f))
        {
            long gpus = Math.Max(1, (long)Math.Round(trainable * fraction));
            bool isFull = gpus == trainable;
            if (isFull && option.Layout is not null) continue;
            var space = Space(settings, admit);
            SearchResult? best = null;
            foreach (var m in models)
            {
                var result = LayoutSearch.Run(m, gpus, space, isFull ? settings.Top : 1, searchOptions);
                if (result.Best.Count == 0) continue;
                if (isFull)
                    foreach (var c in result.Best.Concat(result.Pareto))
                        if (!candidates.Any(x => x.Model.Training.GlobalBatch == c.GlobalBatch && x.Layout.Layout == c.Layout)) candidates.Add(new LayoutCandidate(c.Model, c));
                if (best is null || RankedLayout.Compare(result.Best[0], best.Best[0]) < 0) best = result;
            }
            // The scenario's own batch alone, so that the plan can show its days beside the searched batch's.
            if (isFull)
            {
                var reference = LayoutSearch.Run(models[0], gpus, space with { FreeBatch = false }, settings.Top, searchOptions);
                foreach (var c in reference.Best.Concat(reference.Pareto))
                    if (!candidates.Any(x => x.Model.Training.GlobalBatch == c.GlobalBatch && x.Layout.Layout == c.Layout)) candidates.Add(new LayoutCandidate(c.Model, c));
            }
            scaling.Add(new ScalingPoint(gpus, best is null ? null : StepReport.From(best.Best[0].Model, best.Best[0].Layout, best.Best[0].Estimate)));
            if (isFull && best is not null) (full, model) = (best, best.Best[0].Model);
        }

        if (option.Layout is { } given)
        {
            var report = StepReport.From(model, given, model.Evaluate(given));
            scaling.Add(new ScalingPoint(given.Gpus, report));
            return report.Fits
                ? new Outcome(report, null, scaling, null) { Best = [report], Model = model }
                : new Outcome(null, null, scaling, $"the given layout ({given}) does not fit: {report.DoesNotFitMessage()}");
        }
        if (full is null || full.Best.Count == 0)
        {
            var any = LayoutSearch.Run(models[0], trainable, Space(settings, admit), 1, searchOptions);
            string reasons = string.Join(", ", any.Rejected.Select(kv => $"{kv.Key} {kv.Value}"));
            return new Outcome(null, any, scaling, $"no layout fits on {trainable} × {option.Gpu.Id}{(trainable < option.Gpus ? $" (of {option.Gpus}, the rest kept as hot spares)" : "")} ({reasons})");
        }
        var ranked = full.Best.Select(b => StepReport.From(b.Model, b.Layout, b.Estimate)).ToList();
        bool beside = settings.Validated == ValidatedSearch.Beside;
        return new Outcome(ranked[0], full, scaling, null)
        {
            Best = ranked, Model = model, Candidates = candidates, ValidatedSearched = beside,
            ValidatedBest = beside ? ValidatedBest(models, trainable, settings, inside, searchOptions) : null,
        };
    }

    /// <summary>The fastest layout over all batches whose features all lie inside the validated runs (null: none fits).</summary>
    private static StepReport? ValidatedBest(IReadOnlyList<PerformanceModel> models, long trainable, SearchSettings settings, Func<Layout, bool> inside, SearchOptions options)
    {
        var space = new SearchSpace { MinGpuFraction = settings.MinGpuFraction, Admit = inside };
        RankedLayout? best = null;
        PerformanceModel? bestModel = null;
        foreach (var m in models)
        {
            var result = LayoutSearch.Run(m, trainable, space, 1, options);
            if (result.Best.Count == 0) continue;
            if (best is not { } b || RankedLayout.Compare(result.Best[0], b) < 0) (best, bestModel) = (result.Best[0], m);
        }
        return best is { } top ? StepReport.From(bestModel!, top.Layout, top.Estimate) : null;
    }

    /// <summary>The plan's search space: every layout, the batch free inside the scenario's range (docs/search.md, "Global batch").</summary>
    private static SearchSpace Space(SearchSettings settings, Func<Layout, bool>? admit) => new() { MinGpuFraction = settings.MinGpuFraction, FreeBatch = true, Admit = admit };

    /// <summary>
    /// Layouts one plan may consider in all its searches: ten times the default scenario's 4.7e7, and above the
    /// 3.9e8 of DeepSeek-V3 on 2,048 and 8,192 GPUs with the default search settings; a few minutes on two
    /// cores at the slowest (MoE) evaluation rate of about 1e6 layouts a second.
    /// </summary>
    public const long MaxPlanCandidates = 500_000_000;

    /// <summary>The candidates of every search <see cref="Choose"/> will run (saturating at long.MaxValue).</summary>
    private static long Needed(IReadOnlyList<PerformanceModel> models, ClusterOption option, long trainable, SearchSettings settings)
    {
        long needed = 0;
        var space = Space(settings, null);
        foreach (double fraction in settings.ScalingFractions)
        {
            long gpus = Math.Max(1, (long)Math.Round(trainable * fraction));
            if (gpus == trainable && option.Layout is not null) continue;
            foreach (var m in models)
            {
                long c = LayoutSearch.CountCandidates(m, gpus, space);
                // The search inside the validated runs beside the full-size one considers the same layouts again.
                if (gpus == trainable && settings.Validated == ValidatedSearch.Beside) c = c > long.MaxValue / 2 ? long.MaxValue : 2 * c;
                needed = c > long.MaxValue - needed ? long.MaxValue : needed + c;
            }
            if (gpus == trainable)
            {
                long r = LayoutSearch.CountCandidates(models[0], gpus, space with { FreeBatch = false });
                needed = r > long.MaxValue - needed ? long.MaxValue : needed + r;
            }
        }
        return needed;
    }
}
