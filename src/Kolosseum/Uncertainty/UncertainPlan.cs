using Kolosseum.Planning;

namespace Kolosseum.Uncertainty;

/// <summary>One sampled dimension: an input, for one option (the build-out percentile) or for all.</summary>
public sealed record SampledInput(UncertainInput Input, UncertainValue Value, int? Option, string Label)
{
    public string Key => Option is null ? Input.Key() : $"{Input.Key()}[{Option}]";

    /// <summary>The value at probability u, kept inside the input's valid range (a widened or lognormal tail cannot leave it).</summary>
    public double At(double u)
    {
        var (min, max) = Input.ValidRange();
        return Math.Clamp(Value.Quantile(u), min, max);
    }
}

/// <summary>P10, P50 and P90 of a figure over the joint samples.</summary>
public readonly record struct Spread(double P10, double P50, double P90)
{
    public bool Overlaps(Spread other) => P10 <= other.P90 && other.P10 <= P90;
}

/// <summary>One option's headline figures as spreads.</summary>
public sealed record OptionSpread(string Name, IReadOnlyDictionary<Metric, Spread> Figures);

/// <summary>One bar of the tornado: an input at its P10 and P90 with the others at their medians, and the lead at each.</summary>
public sealed record FlipBar(SampledInput Input, double LowValue, double HighValue, double LeadAtLow, double LeadAtHigh)
{
    public double Swing => Math.Abs(LeadAtHigh - LeadAtLow);
}

/// <summary>The value of an input at which two options swap places (others at their medians).</summary>
public sealed record FlipPoint(SampledInput Input, double Value, bool LeaderWinsBelow);

/// <summary>
/// What the samples say about one criterion: each option's chance of winning it, the leader (best median) and
/// runner-up, whether their 80 % intervals overlap (a tie), what moves the lead most, and where it flips.
/// </summary>
public sealed record CriterionVerdict
{
    public required Metric Metric { get; init; }
    public required IReadOnlyList<double> WinProbability { get; init; }
    public int? Leader { get; init; }
    public int? RunnerUp { get; init; }
    public required bool Tie { get; init; }

    /// <summary>Runner-up minus leader at each end of each uncertain input, widest first (positive: the leader is ahead).</summary>
    public required IReadOnlyList<FlipBar> Tornado { get; init; }
    public FlipPoint? Flip { get; init; }

    /// <summary>Runner-up minus leader with every input at its median: the centre of the tornado.</summary>
    public double LeadAtMedians { get; init; } = double.NaN;

    /// <summary>The one-line answer: who wins, how sure, and the break-even.</summary>
    public required string Sentence { get; init; }
}

/// <summary>The plan under uncertainty: the deterministic plan, the samples' spreads and the verdicts.</summary>
public sealed record UncertainPlan
{
    public required Plan Plan { get; init; }
    public required int Samples { get; init; }
    public required ulong Seed { get; init; }
    public required IReadOnlyList<SampledInput> Inputs { get; init; }
    public required IReadOnlyList<OptionSpread> Options { get; init; }
    public required IReadOnlyList<CriterionVerdict> Criteria { get; init; }

    /// <summary>Every sample's figures, [option][sample] (for tests and charts).</summary>
    public required IReadOnlyList<IReadOnlyList<SampleMetrics>> Draws { get; init; }

    /// <summary>The answer in words: the finish and cost verdicts.</summary>
    public required string Answer { get; init; }
}
