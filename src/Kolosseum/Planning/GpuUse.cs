using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>
/// How many of an option's GPUs its searched layout trains on, and why not all: the hot-spare nodes are kept out
/// of the search first, and <c>search.min_gpu_fraction</c> counts from the GPUs left. Said in the plan because
/// <c>kolosseum search</c> on the same file searches every GPU and ranks failure-free time only.
/// </summary>
public static class GpuUse
{
    /// <summary>The sentence, or null when the layout was given or trains on every GPU.</summary>
    public static string? Explain(OptionPlan p, SearchSettings search)
    {
        if (p.Search is null) return null;
        long all = p.Option.Gpus;
        long trainable = p.Search.ClusterGpus;
        long used = p.Step.Gpus;
        if (used >= all) return null;
        // Under a site cap only the powered GPUs count; the plan says elsewhere that the rest stay dark.
        long powered = p.SiteCapped ? p.PoweredGpus : all;
        string dark = powered < all ? $"{UnitFormat.Count(all - powered)} left dark by the site limit, " : "";
        string spares = trainable < powered
            ? $"{dark}{UnitFormat.Count(powered - trainable, "GPU")} held back for hot spares (reliability.spares), then "
            : dark;
        return $"trains on {UnitFormat.Count(used)} of {UnitFormat.Count(all, "GPU")} ({UnitFormat.Percent((double)used / all)}): {spares}"
            + $"{UnitFormat.Percent((double)used / trainable)} of the {UnitFormat.Count(trainable)} searched (search.min_gpu_fraction {UnitFormat.Number(search.MinGpuFraction)} counts from these); "
            + "'kolosseum search' searches all the GPUs for failure-free speed instead";
    }
}
