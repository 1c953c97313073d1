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
    public const double MaxLabelWidth = 220;
    public const double AxisLabelGap = 6;
    /// <summary>Tick labels and the axis title below a bottom axis.</summary>
    public const double BottomAxisHeight = 44;
    /// <summary>Room for the title of a left axis, written above it.</summary>
    public const double TopAxisTitleHeight = 20;

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
            if (i % stride == 0) svg.Text(x, plot.Bottom + 17, scale.TickLabel(ticks[i]), "tick-label", "middle");
        }
        svg.Line(plot.Left, plot.Bottom, plot.Right, plot.Bottom, "axis");
        if (scale.Spec.Title.Length > 0)
            svg.Text(plot.Left + plot.Width / 2, plot.Bottom + 36, TextMetrics.Fit(scale.Spec.Title, plot.Width), "axis-title", "middle");
    }

    /// <summary>A value axis along the left: grid lines across the plot, labels to the left, title above.</summary>
    public static void LeftAxis(SvgBuilder svg, AxisScale scale, Plot plot, bool grid = true)
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
            svg.Text(Pad, plot.Top - 10, TextMetrics.Fit(scale.Spec.Title, Width - 2 * Pad), "axis-title");
    }

    /// <summary>A vertical dashed line at a marker with its label and value at the top.</summary>
    public static void VerticalMarker(SvgBuilder svg, double x, Plot plot, string label, int index)
    {
        svg.Line(x, plot.Top, x, plot.Bottom, "marker");
        string anchor = x > plot.Left + plot.Width * 0.7 ? "end" : "start";
        double dx = anchor == "end" ? -4 : 4;
        double room = anchor == "end" ? x - plot.Left : plot.Right - x;
        svg.Text(x + dx, plot.Top + 12 + 14 * (index % 3), TextMetrics.Fit(label, Math.Max(60, room)), "marker-label", anchor, tooltip: label);
    }

    /// <summary>
    /// A horizontal dashed line at a marker with its label at the right end, or at the left end for odd
    /// <paramref name="index"/>: markers numbered in order of value alternate sides, so two close lines
    /// (a compute level just under a site limit) do not print their labels over each other.
    /// </summary>
    public static void HorizontalMarker(SvgBuilder svg, double y, Plot plot, string label, int index = 0)
    {
        svg.Line(plot.Left, y, plot.Right, y, "marker");
        if (index % 2 == 0) svg.Text(plot.Right - 4, y - 4, TextMetrics.Fit(label, plot.Width / 2), "marker-label", "end", tooltip: label);
        else svg.Text(plot.Left + 4, y - 4, TextMetrics.Fit(label, plot.Width / 2), "marker-label", "start", tooltip: label);
    }

    public static string MarkerText(ChartMarker marker, AxisUnit unit) =>
        marker.Label.Length > 0 ? marker.Label + ": " + ValueFormat.Format(unit, marker.Value) : ValueFormat.Format(unit, marker.Value);
}
