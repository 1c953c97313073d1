using Kolosseum.Performance;
using Kolosseum.Reliability;
using Kolosseum.Search;

namespace Kolosseum.Planning;

/// <summary>What breaks ties between layouts that deliver the run about equally soon (<c>search.rank_by</c>, <c>--rank-by</c>).</summary>
public enum RankBy
{
    /// <summary>Fewest expected days with failures.</summary>
    Days,

    /// <summary>Fewest GPU-hours held by the run (the GPUs that train × expected wall time): what a per-GPU-hour price charges.</summary>
    Cost,

    /// <summary>Least GPU energy: busy power over the failure-free work, idle power over the rest of the expected wall time.</summary>
    Energy,
}

/// <summary>A layout the search found at an option's full size, with the performance model (batch) it was found under.</summary>
public sealed record LayoutCandidate(PerformanceModel Model, RankedLayout Layout)
{
    public long Gpus => Layout.Gpus;
}

/// <summary>A candidate with its expected delivered time in closed form and the secondary measures.</summary>
public sealed record DeliveredCandidate(LayoutCandidate Candidate, ReliabilityInputs Inputs, DeliveredTime Expected, double GpuHours, double GpuEnergyJoules)
{
    public double Days => Expected.Days;

    /// <summary>The mean days of the exact simulation, when the candidate was among the top simulated.</summary>
    public double? SimulatedDays { get; init; }
}

/// <summary>
/// Ranks layouts by what they deliver (docs/search.md, "Delivered time"): expected days with failures from
/// <see cref="DeliveredTimeModel"/> on each layout's own GPU count, so a larger job pays for its failures.
/// Layouts within <c>slack</c> of the soonest are taken as equally soon and ordered by the secondary key; the rest
/// follow by days. Ties break by fewer GPUs, then the layout's order, so the ranking is total and repeatable.
/// </summary>
public static class DeliveredRanking
{
    public static List<DeliveredCandidate> Rank(IEnumerable<LayoutCandidate> candidates, Func<LayoutCandidate, ReliabilityInputs> inputsOf, RankBy key, double slack)
    {
        var scored = candidates.Select(c => Score(c, inputsOf(c))).ToList();
        if (scored.Count == 0) return scored;
        double soonest = scored.Min(c => c.Expected.WallSeconds);
        scored.Sort((a, b) => Compare(a, b, key, soonest, slack, simulated: false));
        return scored;
    }

    /// <summary>The order among candidates: inside the slack band by the secondary key, outside it by days.</summary>
    public static int Compare(DeliveredCandidate a, DeliveredCandidate b, RankBy key, double soonestSeconds, double slack, bool simulated)
    {
        double ta = Seconds(a, simulated), tb = Seconds(b, simulated);
        bool inA = ta <= soonestSeconds * (1 + slack), inB = tb <= soonestSeconds * (1 + slack);
        int c;
        if (inA != inB) return inA ? -1 : 1;
        if (inA && key != RankBy.Days)
        {
            double scale = simulated ? ta / a.Expected.WallSeconds : 1, scaleB = simulated ? tb / b.Expected.WallSeconds : 1;
            c = key == RankBy.Cost ? (a.GpuHours * scale).CompareTo(b.GpuHours * scaleB) : (a.GpuEnergyJoules * scale).CompareTo(b.GpuEnergyJoules * scaleB);
            if (c != 0) return c;
        }
        if ((c = ta.CompareTo(tb)) != 0) return c;
        if ((c = a.Gpus().CompareTo(b.Gpus())) != 0) return c;
        if ((c = a.Candidate.Model.Training.GlobalBatch.CompareTo(b.Candidate.Model.Training.GlobalBatch)) != 0) return c;
        return LayoutOrder.Compare(a.Candidate.Layout.Layout, b.Candidate.Layout.Layout);
    }

    private static double Seconds(DeliveredCandidate c, bool simulated) => simulated && c.SimulatedDays is { } d ? d * 86400 : c.Expected.WallSeconds;

    private static long Gpus(this DeliveredCandidate c) => c.Candidate.Gpus;

    private static DeliveredCandidate Score(LayoutCandidate c, ReliabilityInputs inputs)
    {
        var expected = DeliveredTimeModel.Expected(inputs);
        var gpu = c.Model.Gpu;
        double work = inputs.Job.Work!.Value.Seconds;
        double busy = (gpu.ComputePower ?? gpu.Tdp).Value, idle = gpu.IdlePower.Value;
        double energy = c.Gpus * (busy * work + idle * Math.Max(0, expected.WallSeconds - work));
        return new DeliveredCandidate(c, inputs, expected, c.Gpus * expected.WallSeconds / 3600, energy);
    }
}
