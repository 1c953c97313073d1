using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting.Svg;

/// <summary>Stacked or grouped bars, horizontal (categories down the left) or vertical.</summary>
internal static class BarChartRenderer
{
    private const double StackedBar = 22;
    private const double GroupedBar = 14;
    private const double CategoryGap = 12;
    private const double TotalRoom = 64;

    public static ChartDrawing Draw(BarChart chart)
    {
        var categories = chart.Categories.IsDefault ? [] : chart.Categories;
        var series = chart.Series.IsDefault ? [] : chart.Series;
        var markers = chart.Markers.IsDefault ? [] : chart.Markers;
        if (categories.Length == 0 || series.Length == 0) return ChartDrawing.Empty("No data to show.");

        var segments = BarStacking.Layout(chart, out int dropped);
        if (segments.Count == 0) return ChartDrawing.Empty("No finite values to show.", dropped);
        var scale = AxisScale.Create(chart.ValueAxis,
            segments.SelectMany(s => new[] { s.Start, s.End }).Concat(markers.Select(m => m.Value)), includeZero: true);
        if (scale is null) return ChartDrawing.Empty("No values in a drawable range.", dropped);

        var legendItems = series.Select((s, i) => (s.Name, Palette.Series(i))).ToArray();
        bool showLegend = series.Length > 1;
        double legendHeight = showLegend ? Legend.Height(legendItems.Select(i => i.Name).ToArray(), ChartLayout.Width - 2 * ChartLayout.Pad) : 0;

        var svg = new SvgBuilder();
        if (showLegend) Legend.Draw(svg, legendItems, ChartLayout.Pad, ChartLayout.Pad, ChartLayout.Width - 2 * ChartLayout.Pad);
        double top = ChartLayout.Pad + legendHeight;
        double height = chart.Orientation == BarOrientation.Horizontal
            ? Horizontal(svg, chart, categories, segments, scale, top)
            : Vertical(svg, chart, categories, segments, scale, top);
        return new ChartDrawing(svg.ToString(), height, null, dropped + MarkersLeftOut(markers, chart.ValueAxis));
    }

    private static double Horizontal(SvgBuilder svg, BarChart chart, IReadOnlyList<string> categories, IReadOnlyList<BarSegment> segments, AxisScale scale, double top)
    {
        int seriesCount = chart.Series.Length;
        double band = chart.Layout == BarLayout.Stacked ? StackedBar : GroupedBar * seriesCount;
        double labelWidth = Math.Min(ChartLayout.MaxLabelWidth, categories.Max(c => TextMetrics.Width(c)));
        double left = ChartLayout.Pad + labelWidth + ChartLayout.AxisLabelGap;
        // Across first: the markers' positions decide how many rows their labels need above the bars.
        var across = new Plot(left, 0, ChartLayout.Width - left - TotalRoom, categories.Count * (band + CategoryGap) + CategoryGap);
        var shown = (chart.Markers.IsDefault ? [] : chart.Markers).Where(m => AxisScale.CanShow(chart.ValueAxis, m.Value))
                    .Select(m => (X: across.X(scale.Fraction(m.Value)), Label: ChartLayout.MarkerText(m, chart.ValueAxis.Unit))).ToArray();
        var spots = ChartLayout.VerticalMarkerSpots(shown, across);
        var plot = across with { Top = top + 8 + MarkerLabels.BandHeight(spots) };

        ChartLayout.BottomAxis(svg, scale, plot);
        double zero = plot.X(scale.Fraction(0));
        for (int c = 0; c < categories.Count; c++)
        {
            double y = plot.Top + CategoryGap + c * (band + CategoryGap);
            svg.Text(left - ChartLayout.AxisLabelGap, y + band / 2 + 4, TextMetrics.Fit(categories[c], labelWidth), "category-label", "end", tooltip: categories[c]);
            foreach (var s in segments.Where(s => s.Category == c))
            {
                double x0 = plot.X(scale.Fraction(s.Start)), x1 = plot.X(scale.Fraction(s.End));
                double barY = chart.Layout == BarLayout.Stacked ? y : y + s.Series * GroupedBar;
                double barH = chart.Layout == BarLayout.Stacked ? band : GroupedBar - 2;
                svg.Rect(Math.Min(x0, x1), barY, Math.Abs(x1 - x0), barH, "bar", Palette.Series(s.Series), Tooltip(chart, s));
                if (chart.Layout == BarLayout.Grouped)
                    svg.Text(Math.Max(x0, x1) + 4, barY + barH - 3, ValueFormat.Format(chart.ValueAxis.Unit, s.End), "value-label");
            }
            if (chart.Layout == BarLayout.Stacked)
            {
                var (pos, neg) = BarStacking.Totals(segments, c);
                double end = plot.X(scale.Fraction(pos));
                svg.Text(Math.Max(end, zero) + 4, y + band / 2 + 4, ValueFormat.Format(chart.ValueAxis.Unit, pos + neg), "value-label");
            }
        }
        ChartLayout.VerticalMarkers(svg, shown, spots, plot);
        return plot.Bottom + ChartLayout.BottomAxisHeight;
    }

    private static double Vertical(SvgBuilder svg, BarChart chart, IReadOnlyList<string> categories, IReadOnlyList<BarSegment> segments, AxisScale scale, double top)
    {
        int seriesCount = chart.Series.Length;
        double left = ChartLayout.Pad + ChartLayout.LeftTickLabelWidth(scale) + ChartLayout.AxisLabelGap + 4;
        var plot = new Plot(left, top + ChartLayout.TopAxisTitleHeight, ChartLayout.Width - left - ChartLayout.Pad, 260);
        ChartLayout.LeftAxis(svg, scale, plot);

        double slot = plot.Width / categories.Count;
        double barWidth = Math.Min(72, slot * 0.7);
        double zero = plot.Y(scale.Fraction(0));
        for (int c = 0; c < categories.Count; c++)
        {
            double center = plot.Left + slot * (c + 0.5);
            svg.Text(center, plot.Bottom + ChartLayout.BottomTickBaseline, TextMetrics.Fit(categories[c], slot - 4), "category-label", "middle", tooltip: categories[c]);
            foreach (var s in segments.Where(s => s.Category == c))
            {
                double y0 = plot.Y(scale.Fraction(s.Start)), y1 = plot.Y(scale.Fraction(s.End));
                double w = chart.Layout == BarLayout.Stacked ? barWidth : barWidth / seriesCount;
                double x = chart.Layout == BarLayout.Stacked ? center - barWidth / 2 : center - barWidth / 2 + s.Series * w;
                svg.Rect(x, Math.Min(y0, y1), Math.Max(1, w - 1), Math.Abs(y1 - y0), "bar", Palette.Series(s.Series), Tooltip(chart, s));
            }
            if (chart.Layout == BarLayout.Stacked)
            {
                var (pos, neg) = BarStacking.Totals(segments, c);
                svg.Text(center, Math.Min(plot.Y(scale.Fraction(pos)), zero) - 4, ValueFormat.Format(chart.ValueAxis.Unit, pos + neg), "value-label", "middle");
            }
        }
        svg.Line(plot.Left, zero, plot.Right, zero, "axis");
        int i = 0;
        foreach (var m in (chart.Markers.IsDefault ? [] : chart.Markers).Where(m => AxisScale.CanShow(chart.ValueAxis, m.Value)).OrderBy(m => m.Value))
            ChartLayout.HorizontalMarker(svg, plot.Y(scale.Fraction(m.Value)), plot, ChartLayout.MarkerText(m, chart.ValueAxis.Unit), i++);
        return plot.Bottom + ChartLayout.BottomTickBaseline + 11;
    }

    private static int MarkersLeftOut(IReadOnlyList<ChartMarker> markers, AxisSpec axis) => markers.Count(m => !AxisScale.CanShow(axis, m.Value));

    private static string Tooltip(BarChart chart, BarSegment s) =>
        chart.Categories[s.Category] + " — " + chart.Series[s.Series].Name + ": " + ValueFormat.Format(chart.ValueAxis.Unit, s.Length);
}
