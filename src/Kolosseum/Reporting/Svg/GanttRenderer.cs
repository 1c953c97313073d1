using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting.Svg;

/// <summary>One row per phase: a bar from start to the P50 end, a whisker on to the P90 end.</summary>
internal static class GanttRenderer
{
    private const double Row = 26;
    private const double Bar = 14;

    public static ChartDrawing Draw(GanttChart chart)
    {
        var tasks = chart.Tasks.IsDefault ? [] : chart.Tasks;
        var markers = chart.Markers.IsDefault ? [] : chart.Markers;
        var valid = tasks.Where(t => IsDrawable(chart.TimeAxis, t)).ToArray();
        int dropped = tasks.Length - valid.Length + markers.Count(m => !AxisScale.CanShow(chart.TimeAxis, m.Value));
        if (valid.Length == 0) return ChartDrawing.Empty("No phases to show.", dropped);

        var times = valid.SelectMany(t => new[] { t.Start, t.EndP50, t.EndP90 ?? t.EndP50 }).Concat(markers.Select(m => m.Value));
        var scale = AxisScale.Create(chart.TimeAxis, times, targetTicks: 6)!;
        double labelWidth = Math.Min(ChartLayout.MaxLabelWidth, valid.Max(t => TextMetrics.Width(t.Name)));
        double left = ChartLayout.Pad + labelWidth + ChartLayout.AxisLabelGap;
        // Across first: the markers' positions decide how many rows their labels need above the plot.
        var across = new Plot(left, 0, ChartLayout.Width - left - ChartLayout.RightRoom(scale), valid.Length * Row + 6);
        var shown = markers.Where(m => AxisScale.CanShow(chart.TimeAxis, m.Value))
                           .Select(m => (X: across.X(scale.Fraction(m.Value)), Label: ChartLayout.MarkerText(m, chart.TimeAxis.Unit))).ToArray();
        var spots = ChartLayout.VerticalMarkerSpots(shown, across);
        var plot = across with { Top = ChartLayout.Pad + MarkerLabels.BandHeight(spots) };

        var svg = new SvgBuilder();
        ChartLayout.BottomAxis(svg, scale, plot);
        string unit(double v) => ValueFormat.Format(chart.TimeAxis.Unit, v);
        for (int i = 0; i < valid.Length; i++)
        {
            var t = valid[i];
            double y = plot.Top + 3 + i * Row;
            double x0 = plot.X(scale.Fraction(t.Start)), x50 = plot.X(scale.Fraction(t.EndP50));
            svg.Text(left - ChartLayout.AxisLabelGap, y + Bar / 2 + 4 + 3, TextMetrics.Fit(t.Name, labelWidth), "category-label", "end", tooltip: t.Name);
            string tip = t.Name + ": " + unit(t.Start) + " → " + unit(t.EndP50) + " (P50)" + (t.EndP90 is { } p90 ? ", " + unit(p90) + " (P90)" : "");
            svg.Rect(x0, y + 3, Math.Max(1, x50 - x0), Bar, "bar", Palette.Series(0), tip);
            if (t.EndP90 is { } end90 && end90 > t.EndP50)
            {
                double x90 = plot.X(scale.Fraction(end90));
                double mid = y + 3 + Bar / 2;
                svg.Line(x50, mid, x90, mid, "whisker", tooltip: tip);
                svg.Line(x90, mid - 5, x90, mid + 5, "whisker");
            }
        }
        ChartLayout.VerticalMarkers(svg, shown, spots, plot);
        return new ChartDrawing(svg.ToString(), plot.Bottom + ChartLayout.BottomAxisHeight, null, dropped);
    }

    /// <summary>Finite, in range, and in order: start ≤ P50 end ≤ P90 end.</summary>
    public static bool IsDrawable(AxisSpec axis, GanttTask t) =>
        AxisScale.CanShow(axis, t.Start) && AxisScale.CanShow(axis, t.EndP50) && t.Start <= t.EndP50
        && (t.EndP90 is not { } p90 || (AxisScale.CanShow(axis, p90) && p90 >= t.EndP50));
}
