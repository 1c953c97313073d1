using System.Collections.Immutable;

namespace Kolosseum.Reporting.Charts;

public enum BarOrientation
{
    /// <summary>Bars grow to the right, categories read down the left (long labels fit).</summary>
    Horizontal,
    Vertical,
}

public enum BarLayout
{
    /// <summary>Series add up within a bar (step-time breakdown, memory by component).</summary>
    Stacked,
    /// <summary>Series stand side by side within a category.</summary>
    Grouped,
}

/// <summary>One component across categories, e.g. "compute" for every option.</summary>
public sealed record BarSeries(string Name, ImmutableArray<double> Values);

/// <summary>
/// Bars per category made of series: stacked (breakdowns) or grouped. Negative values stack below
/// zero, so a credit (resale value) shows as what it is.
/// </summary>
public sealed record BarChart(string Title, ImmutableArray<string> Categories, ImmutableArray<BarSeries> Series, AxisSpec ValueAxis) : Chart(Title)
{
    public BarOrientation Orientation { get; init; } = BarOrientation.Horizontal;
    public BarLayout Layout { get; init; } = BarLayout.Stacked;

    /// <summary>Lines across the bars at given values, e.g. the 80 GiB of HBM per GPU.</summary>
    public ImmutableArray<ChartMarker> Markers { get; init; } = [];
}
