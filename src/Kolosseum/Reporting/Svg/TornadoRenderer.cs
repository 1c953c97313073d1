using Kolosseum.Reporting.Charts;

namespace Kolosseum.Reporting.Svg;

/// <summary>
/// Bars from the baseline outcome to the outcome at each input's low and high value, the widest
/// swing on top (ties keep their given order).
/// </summary>
internal static class TornadoRenderer
{
    private const double Row = 26;
    private const double Bar = 16;

    public static ChartDrawing Draw(TornadoChart chart)
    {
        var bars = chart.Bars.IsDefault ? [] : chart.Bars;
        var axis = chart.OutcomeAxis with { Scale = AxisScaleKind.Linear, IncludeZero = false };
        if (!AxisScale.CanShow(axis, chart.Baseline)) return ChartDrawing.Empty("The baseline is not a finite number.", bars.Length);
        var valid = Order(bars.Where(b => AxisScale.CanShow(axis, b.LowOutcome) && AxisScale.CanShow(axis, b.HighOutcome)));
        int dropped = bars.Length - valid.Count;
        if (valid.Count == 0) return ChartDrawing.Empty("No inputs to show.", dropped);

        var scale = AxisScale.Create(axis, valid.SelectMany(b => new[] { b.LowOutcome, b.HighOutcome }).Append(chart.Baseline), targetTicks: 6, includeZero: chart.ZeroLine)!;
        double labelWidth = Math.Min(ChartLayout.MaxLabelWidth, valid.Max(b => TextMetrics.Width(b.Input)));
        double left = ChartLayout.Pad + labelWidth + ChartLayout.AxisLabelGap;
        double legendHeight = 24;
        var plot = new Plot(left + 40, ChartLayout.Pad + legendHeight + 16, ChartLayout.Width - left - 80, valid.Count * Row + 6);

        var svg = new SvgBuilder();
        Legend.Draw(svg, [("input at its low value", Palette.Low), ("input at its high value", Palette.High)], ChartLayout.Pad, ChartLayout.Pad, ChartLayout.Width - 2 * ChartLayout.Pad);
        ChartLayout.BottomAxis(svg, scale, plot);
        double xBase = plot.X(scale.Fraction(chart.Baseline));
        if (chart.ZeroLine) svg.Line(plot.X(scale.Fraction(0)), plot.Top, plot.X(scale.Fraction(0)), plot.Bottom, "zero");
        string fmt(double v) => ValueFormat.Format(axis.Unit, v);
        for (int i = 0; i < valid.Count; i++)
        {
            var b = valid[i];
            double y = plot.Top + 3 + i * Row + (Row - Bar) / 2;
            svg.Text(left - ChartLayout.AxisLabelGap, y + Bar / 2 + 4, TextMetrics.Fit(b.Input, labelWidth), "category-label", "end", tooltip: b.Input);
            // When both outcomes lie on one side of the base, the farther is drawn first so the nearer stays visible.
            bool lowFirst = Math.Abs(b.LowOutcome - chart.Baseline) >= Math.Abs(b.HighOutcome - chart.Baseline);
            if (lowFirst) DrawBar(svg, b.Input, b.LowInput, b.LowOutcome, Palette.Low, xBase, y, scale, plot, fmt);
            DrawBar(svg, b.Input, b.HighInput, b.HighOutcome, Palette.High, xBase, y, scale, plot, fmt);
            if (!lowFirst) DrawBar(svg, b.Input, b.LowInput, b.LowOutcome, Palette.Low, xBase, y, scale, plot, fmt);
            foreach (var label in ValueLabels(b, plot.X(scale.Fraction(b.LowOutcome)), plot.X(scale.Fraction(b.HighOutcome)), xBase, left))
                svg.Text(label.X, y + Bar - 4, label.Text, "value-label", label.Anchor);
        }
        svg.Line(xBase, plot.Top - 4, xBase, plot.Bottom, "baseline");
        svg.Text(xBase, plot.Top - 8, "base: " + fmt(chart.Baseline), "marker-label", "middle");
        return new ChartDrawing(svg.ToString(), plot.Bottom + ChartLayout.BottomAxisHeight, null, dropped);
    }

    /// <summary>Widest swing first; a stable sort, so equal swings stay in the order given.</summary>
    public static IReadOnlyList<TornadoBar> Order(IEnumerable<TornadoBar> bars) =>
        bars.OrderByDescending(b => Math.Abs(b.HighOutcome - b.LowOutcome)).ToArray();

    private static void DrawBar(SvgBuilder svg, string input, string? inputText, double outcome, string color, double xBase, double y, AxisScale scale, Plot plot, Func<double, string> fmt)
    {
        double x = plot.X(scale.Fraction(outcome));
        string tip = input + (inputText is null ? "" : " = " + inputText) + ": " + fmt(outcome);
        svg.Rect(Math.Min(x, xBase), y, Math.Abs(x - xBase), Bar, "bar", color, tip);
    }

    /// <summary>A value label written beside a bar: where, how anchored, what.</summary>
    internal readonly record struct ValueLabel(double X, string Anchor, string Text);

    /// <summary>
    /// The input values written beside a row's bars: each at the outer end of its own bar, on that bar's side of the
    /// base. When both outcomes fall on one side (an input that moves the outcome one way only, or not at all) the
    /// two would be written on top of each other, so they become one label at the outer end, low value first as in
    /// the legend. Each is cut to the room between its bar and the edge (the category labels, on the left).
    /// </summary>
    internal static IReadOnlyList<ValueLabel> ValueLabels(TornadoBar b, double xLow, double xHigh, double xBase, double labelsEnd)
    {
        var sides = new List<(double X, bool Right, string Text)>();
        if (b.LowInput is not null) sides.Add((xLow, xLow >= xBase, b.LowInput));
        if (b.HighInput is not null) sides.Add((xHigh, xHigh >= xBase, b.HighInput));
        if (sides.Count == 2 && sides[0].Right == sides[1].Right)
        {
            bool right = sides[0].Right;
            double outer = right ? Math.Max(Math.Max(xLow, xHigh), xBase) : Math.Min(Math.Min(xLow, xHigh), xBase);
            sides = [(outer, right, sides[0].Text + " / " + sides[1].Text)];
        }
        return sides.Select(s =>
        {
            double x = s.Right ? Math.Max(s.X, xBase) + 4 : Math.Min(s.X, xBase) - 4;
            double room = s.Right ? ChartLayout.Width - ChartLayout.Pad - x : x - labelsEnd - ChartLayout.AxisLabelGap;
            return new ValueLabel(x, s.Right ? "start" : "end", TextMetrics.Fit(s.Text, Math.Max(room, TextMetrics.CharWidth)));
        }).ToArray();
    }
}
