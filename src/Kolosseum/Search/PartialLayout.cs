using Kolosseum.Performance;

namespace Kolosseum.Search;

/// <summary>
/// A layout with some cells given and the others left open. One rule for every place a layout is written down
/// in part, a published run (validate) and a scenario option's <c>layout:</c> (plan): the given cells are fixed,
/// each open cell takes the value that makes the step fastest, on every GPU of the run (docs/scenario-format.md).
/// So the same written layout gives the same step in both, instead of an open cell meaning "searched" in one and
/// a default (vpp 1: interleaving off) in the other.
/// </summary>
public sealed record PartialLayout(
    int? Tp, int? Pp, int? Vpp, int? Dp, int? Cp, int? Ep, int? Zero, bool? SequenceParallel, Recompute? Recompute, int? MicroBatch)
{
    /// <summary>The open cells, by their scenario key, in the order the layout lists them.</summary>
    public IReadOnlyList<string> Open =>
        new (string Name, bool IsOpen)[]
        {
            ("tp", Tp is null), ("pp", Pp is null), ("vpp", Vpp is null), ("dp", Dp is null), ("cp", Cp is null), ("ep", Ep is null),
            ("zero", Zero is null), ("sequence_parallel", SequenceParallel is null), ("recompute", Recompute is null), ("micro_batch", MicroBatch is null),
        }.Where(c => c.IsOpen).Select(c => c.Name).ToList();

    /// <summary>The layouts that complete it: the given cells fixed, the open ones free, every GPU used.</summary>
    public SearchSpace Space() => new()
    {
        Tp = Fixed(Tp),
        Pp = Fixed(Pp),
        Vpp = Fixed(Vpp),
        Dp = Fixed(Dp),
        Cp = Fixed(Cp),
        Ep = Fixed(Ep),
        Zero = Fixed(Zero),
        SequenceParallel = SequenceParallel is { } sp ? [sp] : null,
        Recompute = Recompute is { } rc ? [rc] : null,
        MicroBatch = Fixed(MicroBatch),
        MinGpuFraction = 1,
    };

    /// <summary>The fastest layout that completes it on <paramref name="gpus"/> GPUs, or null when none fits.</summary>
    public RankedLayout? Complete(PerformanceModel model, long gpus, SearchOptions options)
    {
        var result = LayoutSearch.Run(model, gpus, Space(), topK: 1, options);
        return result.Best.Count > 0 ? result.Best[0] : null;
    }

    private static int[]? Fixed(int? value) => value is { } v ? [v] : null;
}
