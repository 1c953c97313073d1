using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting.Svg;

/// <summary>Lines with optional P10–P90 (or min–max) bands, filled areas and steps, on linear or log axes.</summary>
internal static class LineChartRenderer
{
    private const double PlotHeight = 260;
    /// <summary>Series with at most this many points get a dot per point, so sparse curves show their samples.</summary>
    private const int DotsUpTo = 24;

    public static ChartDrawing Draw(LineChart chart)
    {
        var series = chart.Series.IsDefault ? [] : chart.Series;
        var yMarkers = chart.YMarkers.IsDefault ? [] : chart.YMarkers;
        var xMarkers = chart.XMarkers.IsDefault ? [] : chart.XMarkers;

        int dropped = 0;
        var clean = series.Select(s => Clean(chart, s, ref dropped)).ToArray();
        if (clean.All(s => s.Points.Count == 0 && s.Band.Count == 0)) return ChartDrawing.Empty("No data to show.", dropped);

        var xValues = clean.SelectMany(s => s.Points.Select(p => p.X).Concat(s.Band.Select(b => b.X))).Concat(xMarkers.Select(m => m.Value));
        var yValues = clean.SelectMany(s => s.Points.Select(p => p.Y).Concat(s.Band.SelectMany(b => new[] { b.Low, b.High }))).Concat(yMarkers.Select(m => m.Value));
        var xScale = AxisScale.Create(chart.XAxis, xValues, targetTicks: 6);
        var yScale = AxisScale.Create(chart.YAxis, yValues, targetTicks: 5);
        if (xScale is null || yScale is null) return ChartDrawing.Empty("No values in a drawable range.", dropped);
        dropped += xMarkers.Count(m => !AxisScale.CanShow(chart.XAxis, m.Value)) + yMarkers.Count(m => !AxisScale.CanShow(chart.YAxis, m.Value));

        var svg = new SvgBuilder();
        var legendItems = series.Select((s, i) => (s.Name, Palette.Series(i))).ToArray();
        bool showLegend = series.Length > 1 || clean.Any(s => s.Band.Count > 0);
        double legendHeight = showLegend ? Legend.Height(legendItems.Select(i => i.Name).ToArray(), ChartLayout.Width - 2 * ChartLayout.Pad) : 0;
        if (showLegend) Legend.Draw(svg, legendItems, ChartLayout.Pad, ChartLayout.Pad, ChartLayout.Width - 2 * ChartLayout.Pad);

        double left = ChartLayout.Pad + ChartLayout.LeftTickLabelWidth(yScale) + ChartLayout.AxisLabelGap + 4;
        // Across first: the x markers' positions decide how many rows their labels need above the plot.
        var across = new Plot(left, 0, ChartLayout.Width - left - ChartLayout.RightRoom(xScale), PlotHeight);
        var shownX = xMarkers.Where(m => AxisScale.CanShow(chart.XAxis, m.Value))
                             .Select(m => (X: across.X(xScale.Fraction(m.Value)), Label: ChartLayout.MarkerText(m, chart.XAxis.Unit))).ToArray();
        var spots = ChartLayout.VerticalMarkerSpots(shownX, across);
        double band = MarkerLabels.BandHeight(spots);
        var plot = across with { Top = ChartLayout.Pad + legendHeight + ChartLayout.TopAxisTitleHeight + band };
        ChartLayout.LeftAxis(svg, yScale, plot, titleBaseline: plot.Top - band - 10);
        ChartLayout.BottomAxis(svg, xScale, plot);

        // Bands and areas first, lines on top, so no fill hides a line.
        for (int i = 0; i < clean.Length; i++)
        {
            if (clean[i].Band.Count > 1) svg.Path(BandPath(clean[i].Band, xScale, yScale, plot), "band", Palette.Series(i), tooltip: series[i].Name + " (range)");
            if (series[i].Fill && clean[i].Points.Count > 1) svg.Path(AreaPath(Trace(clean[i].Points, series[i].Step), xScale, yScale, plot), "area", Palette.Series(i));
        }
        for (int i = 0; i < clean.Length; i++)
        {
            var points = clean[i].Points;
            if (points.Count == 0) continue;
            var line = new PathData();
            var trace = Trace(points, series[i].Step);
            for (int p = 0; p < trace.Count; p++)
            {
                double x = plot.X(xScale.Fraction(trace[p].X)), y = plot.Y(yScale.Fraction(trace[p].Y));
                if (p == 0) line.MoveTo(x, y);
                else line.LineTo(x, y);
            }
            svg.Path(line, "line", stroke: Palette.Series(i), tooltip: series[i].Name);
            if (points.Count <= DotsUpTo && !series[i].Step)
            {
                foreach (var pt in points)
                    svg.Circle(plot.X(xScale.Fraction(pt.X)), plot.Y(yScale.Fraction(pt.Y)), 3, "dot", Palette.Series(i),
                        series[i].Name + ": " + ValueFormat.Format(chart.XAxis.Unit, pt.X) + " → " + ValueFormat.Format(chart.YAxis.Unit, pt.Y));
            }
        }

        int h = 0;
        foreach (var m in yMarkers.Where(m => AxisScale.CanShow(chart.YAxis, m.Value)).OrderBy(m => m.Value))
            ChartLayout.HorizontalMarker(svg, plot.Y(yScale.Fraction(m.Value)), plot, ChartLayout.MarkerText(m, chart.YAxis.Unit), h++);
        ChartLayout.VerticalMarkers(svg, shownX, spots, plot);

        return new ChartDrawing(svg.ToString(), plot.Bottom + ChartLayout.BottomAxisHeight, null, dropped);
    }

    private sealed record CleanSeries(IReadOnlyList<ChartPoint> Points, IReadOnlyList<BandPoint> Band);

    // Points that can be placed on both axes, in x order (stable, so equal x keep their given order).
    private static CleanSeries Clean(LineChart chart, LineSeries s, ref int dropped)
    {
        var points = s.Points.IsDefault ? [] : s.Points;
        var band = s.Band.IsDefault ? [] : s.Band;
        var okPoints = points.Where(p => AxisScale.CanShow(chart.XAxis, p.X) && AxisScale.CanShow(chart.YAxis, p.Y)).OrderBy(p => p.X).ToArray();
        var okBand = band.Where(b => AxisScale.CanShow(chart.XAxis, b.X) && AxisScale.CanShow(chart.YAxis, b.Low) && AxisScale.CanShow(chart.YAxis, b.High))
                         .OrderBy(b => b.X).ToArray();
        dropped += points.Length - okPoints.Length + band.Length - okBand.Length;
        return new CleanSeries(okPoints, okBand);
    }

    /// <summary>The points a line passes through; a step line holds each value until the next x.</summary>
    private static IReadOnlyList<ChartPoint> Trace(IReadOnlyList<ChartPoint> points, bool step)
    {
        if (!step) return points;
        var trace = new List<ChartPoint>(points.Count * 2);
        for (int i = 0; i < points.Count; i++)
        {
            if (i > 0) trace.Add(new ChartPoint(points[i].X, points[i - 1].Y));
            trace.Add(points[i]);
        }
        return trace;
    }

    private static PathData BandPath(IReadOnlyList<BandPoint> band, AxisScale xs, AxisScale ys, Plot plot)
    {
        var d = new PathData();
        for (int i = 0; i < band.Count; i++)
        {
            double x = plot.X(xs.Fraction(band[i].X)), y = plot.Y(ys.Fraction(Math.Max(band[i].Low, band[i].High)));
            if (i == 0) d.MoveTo(x, y);
            else d.LineTo(x, y);
        }
        for (int i = band.Count - 1; i >= 0; i--)
            d.LineTo(plot.X(xs.Fraction(band[i].X)), plot.Y(ys.Fraction(Math.Min(band[i].Low, band[i].High))));
        return d.Close();
    }

    private static PathData AreaPath(IReadOnlyList<ChartPoint> points, AxisScale xs, AxisScale ys, Plot plot)
    {
        // The area closes on zero when zero is on the axis, else on the axis bottom.
        double baseY = ys.Spec.Scale == AxisScaleKind.Linear ? plot.Y(Math.Clamp(ys.Fraction(0), 0, 1)) : plot.Bottom;
        var d = new PathData().MoveTo(plot.X(xs.Fraction(points[0].X)), baseY);
        foreach (var p in points) d.LineTo(plot.X(xs.Fraction(p.X)), plot.Y(ys.Fraction(p.Y)));
        return d.LineTo(plot.X(xs.Fraction(points[^1].X)), baseY).Close();
    }
}
