using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting.Svg;

/// <summary>Bins as touching bars over the value axis, counts up the left, markers as dashed lines.</summary>
internal static class HistogramRenderer
{
    private const double PlotHeight = 220;

    public static ChartDrawing Draw(Histogram chart)
    {
        var samples = chart.Samples.IsDefault ? [] : chart.Samples;
        var markers = chart.Markers.IsDefault ? [] : chart.Markers;
        var bins = HistogramBins.Create(samples, chart.ValueAxis.Unit, chart.Bins);
        int dropped = samples.Count(s => !(Math.Abs(s) <= NiceTicks.MaxMagnitude));
        if (bins is null) return ChartDrawing.Empty("No samples to show.", dropped);

        // Bins span the samples only: a distribution of 0.85–0.95 must not be squeezed against zero.
        var valueAxis = chart.ValueAxis with { Scale = AxisScaleKind.Linear, IncludeZero = false };
        var xScale = AxisScale.Create(valueAxis, bins.Edges.Concat(markers.Select(m => m.Value)), targetTicks: 6)!;
        var yScale = AxisScale.Create(new AxisSpec(chart.CountLabel, AxisUnit.Count), bins.Counts.Select(c => (double)c), includeZero: true)!;
        dropped += markers.Count(m => !AxisScale.CanShow(valueAxis, m.Value));

        var svg = new SvgBuilder();
        double left = ChartLayout.Pad + ChartLayout.LeftTickLabelWidth(yScale) + ChartLayout.AxisLabelGap + 4;
        // Across first: the markers' x positions decide how many rows their labels need above the plot.
        var across = new Plot(left, 0, ChartLayout.Width - left - ChartLayout.RightRoom(xScale), PlotHeight);
        var shown = markers.Where(m => AxisScale.CanShow(valueAxis, m.Value))
                           .Select(m => (X: across.X(xScale.Fraction(m.Value)), Label: ChartLayout.MarkerText(m, chart.ValueAxis.Unit))).ToArray();
        var spots = ChartLayout.VerticalMarkerSpots(shown, across);
        double band = MarkerLabels.BandHeight(spots);
        var plot = across with { Top = ChartLayout.Pad + ChartLayout.TopAxisTitleHeight + band };
        ChartLayout.LeftAxis(svg, yScale, plot, titleBaseline: plot.Top - band - 10);
        ChartLayout.BottomAxis(svg, xScale, plot, grid: false);

        for (int i = 0; i < bins.Counts.Count; i++)
        {
            if (bins.Counts[i] == 0) continue;
            double x0 = plot.X(xScale.Fraction(bins.Edges[i])), x1 = plot.X(xScale.Fraction(bins.Edges[i + 1]));
            double y = plot.Y(yScale.Fraction(bins.Counts[i]));
            string range = ValueFormat.Format(chart.ValueAxis.Unit, bins.Edges[i]) + " – " + ValueFormat.Format(chart.ValueAxis.Unit, bins.Edges[i + 1]);
            svg.Rect(x0 + 0.5, y, Math.Max(0.5, x1 - x0 - 1), plot.Bottom - y, "bar", Palette.Series(0), range + ": " + bins.Counts[i].ToString(System.Globalization.CultureInfo.InvariantCulture) + " " + chart.CountLabel);
        }
        ChartLayout.VerticalMarkers(svg, shown, spots, plot);
        return new ChartDrawing(svg.ToString(), plot.Bottom + ChartLayout.BottomAxisHeight, null, dropped);
    }
}
