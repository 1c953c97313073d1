namespace Kolosseum.Reporting.Svg;

/// <summary>
/// Where the labels of vertical marker lines go: in a band of rows above the plot, each label beside the top of
/// its own line, so no label lies over the data, over another label, or (where any spot avoids it) across
/// another marker's line. Markers are placed left to right; each takes the lowest row with a free spot, on the
/// side it prefers (right of its line, left of it in the plot's last 30 %) or else the other. A label too long
/// for either side is cut to the wider one.
/// </summary>
internal static class MarkerLabels
{
    public const double RowHeight = 14;
    private const double LineGap = 4;
    private const double LabelGap = 6;

    /// <summary>A label's row (0 next to the plot), its side of the line, and its text as drawn (cut if it had to be).</summary>
    public readonly record struct Spot(int Row, bool RightOfLine, string Text)
    {
        public double X(double lineX) => RightOfLine ? lineX + LineGap : lineX - LineGap;
        public string Anchor => RightOfLine ? "start" : "end";
    }

    /// <summary>The height of the band for these spots: their rows and a little room under the lowest.</summary>
    public static double BandHeight(IReadOnlyList<Spot> spots) => spots.Count == 0 ? 0 : (spots.Max(s => s.Row) + 1) * RowHeight + 4;

    /// <summary>The baseline of a label in <paramref name="row"/> above a plot whose top is <paramref name="plotTop"/>.</summary>
    public static double Baseline(double plotTop, int row) => plotTop - 4 - TextMetrics.Descent * TextMetrics.MarkerFontSize - row * RowHeight;

    /// <summary>Spots for the markers at <paramref name="markers"/> (x and label), in the order given, between <paramref name="left"/> and <paramref name="right"/>.</summary>
    public static IReadOnlyList<Spot> Layout(IReadOnlyList<(double X, string Label)> markers, double left, double right)
    {
        var spots = new Spot[markers.Count];
        var rows = new List<List<(double Left, double Right)>>();
        double width(string text) => TextMetrics.Width(text, TextMetrics.MarkerFontSize);
        var order = Enumerable.Range(0, markers.Count).OrderBy(i => markers[i].X).ToArray();
        foreach (int i in order)
        {
            var (x, label) = markers[i];
            double roomRight = right - (x + LineGap), roomLeft = x - LineGap - left;
            string text = width(label) <= Math.Max(roomRight, roomLeft) ? label : TextMetrics.Fit(label, Math.Max(roomRight, roomLeft), TextMetrics.MarkerFontSize);
            double w = width(text);
            bool prefersRight = x <= left + (right - left) * 0.7;
            bool[] sides = [prefersRight, !prefersRight];
            (double Left, double Right) span(bool rightSide) => rightSide ? (x + LineGap, x + LineGap + w) : (x - LineGap - w, x - LineGap);
            bool fits((double Left, double Right) s) => s.Left >= left - 0.01 && s.Right <= right + 0.01;
            bool crosses((double Left, double Right) s) => markers.Any(m => Math.Abs(m.X - x) > 0.5 && m.X > s.Left - 1 && m.X < s.Right + 1);
            bool free(int row, (double Left, double Right) s) =>
                row >= rows.Count || rows[row].All(o => s.Right + LabelGap <= o.Left || s.Left >= o.Right + LabelGap);

            Spot? chosen = null;
            foreach (bool avoidLines in new[] { true, false })
            {
                for (int row = 0; row <= rows.Count && chosen is null; row++)
                    foreach (bool side in sides)
                    {
                        var s = span(side);
                        if (!fits(s) || !free(row, s) || (avoidLines && crosses(s))) continue;
                        chosen = new Spot(row, side, text);
                        break;
                    }
                if (chosen is not null) break;
            }
            // A new row is always free and the text was cut to the wider side; only a marker on the very edge finds no
            // spot, and it gets a row of its own.
            var spot = chosen ?? new Spot(rows.Count, roomRight >= roomLeft, text);
            while (rows.Count <= spot.Row) rows.Add([]);
            rows[spot.Row].Add(span(spot.RightOfLine));
            spots[i] = spot;
        }
        return spots;
    }
}
