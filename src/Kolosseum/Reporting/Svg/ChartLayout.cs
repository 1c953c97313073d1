using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting.Svg;

/// <summary>The rectangle data is drawn in, and the mapping of axis fractions into it.</summary>
internal readonly record struct Plot(double Left, double Top, double Width, double Height)
{
    public double Right => Left + Width;
    public double Bottom => Top + Height;
    public double X(double fraction) => Left + fraction * Width;
    public double Y(double fraction) => Bottom - fraction * Height;
}

/// <summary>What a chart renderer produced: SVG content of a given height, or why there is nothing to draw.</summary>
internal sealed record ChartDrawing(string? Body, double Height, string? EmptyReason, int Dropped)
{
    public static ChartDrawing Empty(string reason, int dropped = 0) => new(null, 0, reason, dropped);
}

/// <summary>Sizes shared by every chart, so that charts line up down the page.</summary>
internal static class ChartLayout
{
    public const double Width = 720;
    public const double Pad = 12;
    public const double MaxLabelWidth = 280;
    public const double AxisLabelGap = 6;
    /// <summary>Tick labels and the axis title below a bottom axis.</summary>
    public const double BottomAxisHeight = 44;
    /// <summary>Room for the title of a left axis, written above it.</summary>
    public const double TopAxisTitleHeight = 20;

    /// <summary>
    /// Baseline of the labels under a bottom axis, below the plot: low enough that the first label, centred on the
    /// plot's left edge, clears the lowest label of a left axis (its baseline 4 under the edge, its descent below that).
    /// </summary>
    public const double BottomTickBaseline = 20;

    /// <summary>Room right of a plot for half the last bottom tick label, which is centred on the plot's edge.</summary>
    public static double RightRoom(AxisScale bottom) =>
        Math.Max(24, TextMetrics.Width(bottom.TickLabel(bottom.Ticks[^1])) / 2 + 4);

    public static double LeftTickLabelWidth(AxisScale scale) =>
        scale.Ticks.Select(t => TextMetrics.Width(scale.TickLabel(t))).DefaultIfEmpty(0).Max();

    /// <summary>A value axis along the bottom: grid lines up through the plot, labels below (thinned if they would touch), title under them.</summary>
    public static void BottomAxis(SvgBuilder svg, AxisScale scale, Plot plot, bool grid = true)
    {
        var ticks = scale.Ticks;
        double widest = ticks.Select(t => TextMetrics.Width(scale.TickLabel(t))).DefaultIfEmpty(0).Max() + 8;
        double spacing = ticks.Count > 1 ? plot.Width / (ticks.Count - 1) : plot.Width;
        int stride = Math.Max(1, (int)Math.Ceiling(widest / Math.Max(1, spacing)));
        for (int i = 0; i < ticks.Count; i++)
        {
            double x = plot.X(scale.TickFraction(ticks[i]));
            if (grid) svg.Line(x, plot.Top, x, plot.Bottom, "grid");
            svg.Line(x, plot.Bottom, x, plot.Bottom + 4, "tick");
            if (i % stride == 0) svg.Text(x, plot.Bottom + BottomTickBaseline, scale.TickLabel(ticks[i]), "tick-label", "middle");
        }
        svg.Line(plot.Left, plot.Bottom, plot.Right, plot.Bottom, "axis");
        if (scale.Spec.Title.Length > 0)
            svg.Text(plot.Left + plot.Width / 2, plot.Bottom + 38, TextMetrics.Fit(scale.Spec.Title, plot.Width), "axis-title", "middle");
    }

    /// <summary>
    /// A value axis along the left: grid lines across the plot, labels to the left, title above (10 above the plot,
    /// or at <paramref name="titleBaseline"/> where a band of marker labels lies between the two).
    /// </summary>
    public static void LeftAxis(SvgBuilder svg, AxisScale scale, Plot plot, bool grid = true, double? titleBaseline = null)
    {
        foreach (double t in scale.Ticks)
        {
            double y = plot.Y(scale.TickFraction(t));
            if (grid) svg.Line(plot.Left, y, plot.Right, y, "grid");
            svg.Line(plot.Left - 4, y, plot.Left, y, "tick");
            svg.Text(plot.Left - AxisLabelGap, y + 4, scale.TickLabel(t), "tick-label", "end");
        }
        svg.Line(plot.Left, plot.Top, plot.Left, plot.Bottom, "axis");
        if (scale.Spec.Title.Length > 0)
            svg.Text(Pad, titleBaseline ?? plot.Top - 10, TextMetrics.Fit(scale.Spec.Title, Width - 2 * Pad), "axis-title");
    }

    /// <summary>Spots for the labels of vertical markers at these x positions, in the band above <paramref name="plot"/>.</summary>
    public static IReadOnlyList<MarkerLabels.Spot> VerticalMarkerSpots(IReadOnlyList<(double X, string Label)> markers, Plot plot) =>
        MarkerLabels.Layout(markers, plot.Left, Width - Pad);

    /// <summary>
    /// Vertical dashed lines at markers, each rising from the plot's bottom to its label in the band above the plot
    /// (laid out by <see cref="VerticalMarkerSpots"/>); the full label is the tooltip when the shown one was cut.
    /// </summary>
    public static void VerticalMarkers(SvgBuilder svg, IReadOnlyList<(double X, string Label)> markers, IReadOnlyList<MarkerLabels.Spot> spots, Plot plot)
    {
        for (int i = 0; i < markers.Count; i++)
        {
            var (x, label) = markers[i];
            double baseline = MarkerLabels.Baseline(plot.Top, spots[i].Row);
            svg.Line(x, plot.Bottom, x, baseline - TextMetrics.Ascent * TextMetrics.MarkerFontSize, "marker");
            svg.Text(spots[i].X(x), baseline, spots[i].Text, "marker-label", spots[i].Anchor, tooltip: label);
        }
    }

    /// <summary>
    /// A horizontal dashed line at a marker with its label at one end, just above the line, or below it: the first of
    /// those spots that no text already written holds. Markers numbered in order of value start on alternate ends,
    /// so two close lines (a compute level just under a site limit) do not print their labels over each other.
    /// </summary>
    public static void HorizontalMarker(SvgBuilder svg, double y, Plot plot, string label, int index = 0)
    {
        svg.Line(plot.Left, y, plot.Right, y, "marker");
        string text = TextMetrics.Fit(label, plot.Width / 2, TextMetrics.MarkerFontSize);
        double above = y - 4, below = y + 4 + TextMetrics.Ascent * TextMetrics.MarkerFontSize;
        (double X, double Y, string Anchor) right(double baseline) => (plot.Right - 4, baseline, "end");
        (double X, double Y, string Anchor) left(double baseline) => (plot.Left + 4, baseline, "start");
        var spots = index % 2 == 0
            ? new[] { right(above), left(above), right(below), left(below) }
            : new[] { left(above), right(above), left(below), right(below) };
        var spot = spots.FirstOrDefault(s => svg.IsFree(TextBox.Of(s.X, s.Y, text, s.Anchor, TextMetrics.MarkerFontSize)), spots[0]);
        svg.Text(spot.X, spot.Y, text, "marker-label", spot.Anchor, tooltip: label);
    }

    public static string MarkerText(ChartMarker marker, AxisUnit unit) =>
        marker.Label.Length > 0 ? marker.Label + ": " + ValueFormat.Format(unit, marker.Value) : ValueFormat.Format(unit, marker.Value);
}
