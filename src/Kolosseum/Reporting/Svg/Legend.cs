namespace Kolosseum.Reporting.Svg;

/// <summary>Colour swatches with names, wrapped onto as many rows as the width needs.</summary>
internal static class Legend
{
    private const double RowHeight = 18;
    private const double Swatch = 10;

    /// <summary>The height the legend takes for these names, without drawing it.</summary>
    public static double Height(IReadOnlyList<string> names, double width) => names.Count == 0 ? 0 : Rows(names, width).Count * RowHeight + 6;

    public static void Draw(SvgBuilder svg, IReadOnlyList<(string Name, string Color)> items, double left, double top, double width)
    {
        var rows = Rows(items.Select(i => i.Name).ToArray(), width);
        svg.Open("g", ("class", "legend"));
        int index = 0;
        for (int r = 0; r < rows.Count; r++)
        {
            double x = left;
            double y = top + r * RowHeight;
            foreach (string text in rows[r])
            {
                var (name, color) = items[index++];
                svg.Rect(x, y + 3, Swatch, Swatch, "swatch", color, tooltip: name);
                svg.Text(x + Swatch + 4, y + 12, text, "legend-label");
                x += ItemWidth(text);
            }
        }
        svg.Close("g");
    }

    private static double ItemWidth(string fitted) => Swatch + 4 + TextMetrics.Width(fitted) + 14;

    private static List<List<string>> Rows(IReadOnlyList<string> names, double width)
    {
        var rows = new List<List<string>> { new() };
        double x = 0;
        foreach (string name in names)
        {
            // A long name takes a row of its own rather than being cut short; only a name wider than the row is cut.
            string fitted = TextMetrics.Fit(name, width - Swatch - 4 - 14);
            double w = ItemWidth(fitted);
            if (x > 0 && x + w > width)
            {
                rows.Add([]);
                x = 0;
            }
            rows[^1].Add(fitted);
            x += w;
        }
        return rows;
    }
}
