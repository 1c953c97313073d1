using System.Collections.Immutable;

namespace Kolosseum.Reporting.Charts;

/// <summary>
/// The distribution of samples (ETTR per Monte-Carlo trial, days to train), binned on nice edges,
/// with markers such as P10, P50 and P90.
/// </summary>
public sealed record Histogram(string Title, AxisSpec ValueAxis, ImmutableArray<double> Samples) : Chart(Title)
{
    /// <summary>Number of bins wanted; the renderer picks nice edges near it. Null: chosen from the sample count.</summary>
    public int? Bins { get; init; }

    public ImmutableArray<ChartMarker> Markers { get; init; } = [];

    /// <summary>What one sample is, for the count axis: "trials", "runs".</summary>
    public string CountLabel { get; init; } = "count";
}
