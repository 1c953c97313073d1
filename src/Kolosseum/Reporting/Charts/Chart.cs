namespace Kolosseum.Reporting.Charts;

/// <summary>
/// A chart in the report. Each kind is a plain record of numbers in SI base units; the SVG renderer
/// decides everything visual (scales, ticks, colours), so charts stay comparable across reports.
/// </summary>
public abstract record Chart(string Title)
{
    /// <summary>What the chart shows, in a sentence; read out by screen readers and shown as caption.</summary>
    public string? Description { get; init; }
}

/// <summary>A labelled value drawn across the plot: a site power limit, the P50 of a distribution.</summary>
public sealed record ChartMarker(double Value, string Label);
