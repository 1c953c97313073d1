using System.Collections.Immutable;

namespace Kolosseum.Reporting.Charts;

public readonly record struct ChartPoint(double X, double Y);

/// <summary>The range at one x, e.g. P10 and P90 of a Monte-Carlo result, or a power swing.</summary>
public readonly record struct BandPoint(double X, double Low, double High);

/// <summary>One line; with a band it shows uncertainty or a swing around it, with a fill the area under it.</summary>
public sealed record LineSeries(string Name, ImmutableArray<ChartPoint> Points)
{
    public ImmutableArray<BandPoint> Band { get; init; } = [];

    /// <summary>Shade the area between the line and zero (capacity ramps, cumulative cost).</summary>
    public bool Fill { get; init; }

    /// <summary>Hold each value until the next point (a ramp that moves in steps) instead of a straight line.</summary>
    public bool Step { get; init; }
}

/// <summary>Lines over a shared x axis: scaling curves, power over time, TCO over time, capacity ramps.</summary>
public sealed record LineChart(string Title, AxisSpec XAxis, AxisSpec YAxis, ImmutableArray<LineSeries> Series) : Chart(Title)
{
    /// <summary>Horizontal lines at y values, e.g. "site limit 150 MW".</summary>
    public ImmutableArray<ChartMarker> YMarkers { get; init; } = [];

    /// <summary>Vertical lines at x values, e.g. "full capacity (P50)".</summary>
    public ImmutableArray<ChartMarker> XMarkers { get; init; } = [];
}
