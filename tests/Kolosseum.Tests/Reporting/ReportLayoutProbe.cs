using System.Text.Json;
using Kolosseum.Tests.TestSupport;
using Microsoft.Playwright;

namespace Kolosseum.Tests.Reporting;

/// <summary>
/// Reads back, from a report as Chromium laid it out, every text of every chart with its box, and every
/// figure cell of every table with the number of lines it took, and lists what breaks the layout rules:
/// two texts of one chart that overlap by more than <see cref="Tolerance"/> px in both directions, a text
/// that reaches outside its SVG, a figure cell on more than one line.
/// </summary>
internal static class ReportLayoutProbe
{
    public const double Tolerance = 1;

    /// <summary>A4 less the report's 14 mm print margins, in CSS pixels (96 per inch): the width a printed page lays out at.</summary>
    public const int A4ContentWidth = (int)((210 - 2 * 14) / 25.4 * 96);

    /// <summary>US Letter less the same margins.</summary>
    public const int LetterContentWidth = (int)((8.5 * 25.4 - 2 * 14) / 25.4 * 96);

    // A text's own characters, without its <title> tooltip. Lines of a cell: its text's line boxes, grouped by
    // vertical position (a badge or a span on the same line shares the line).
    private const string Script = """
        () => {
          const own = t => [...t.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('');
          const box = r => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
          const charts = [...document.querySelectorAll('figure.chart')].filter(f => f.querySelector('svg')).map(f => {
            const svg = f.querySelector('svg');
            return { title: f.querySelector('.chart-title').textContent, svg: box(svg.getBoundingClientRect()),
                     texts: [...svg.querySelectorAll('text')].map(t => ({ text: own(t), box: box(t.getBoundingClientRect()) })) };
          });
          const lines = el => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
            let count = 0, bottom = -Infinity;
            for (const r of rects) { if (r.top >= bottom - 2) { count++; bottom = r.bottom; } else bottom = Math.max(bottom, r.bottom); }
            return count;
          };
          const cells = [...document.querySelectorAll('td.num, td.fig')].map(td => ({ text: td.textContent, lines: lines(td) }));
          return JSON.stringify({ charts, cells, overflow: document.documentElement.scrollWidth - window.innerWidth });
        }
        """;

    public sealed record Box(double Left, double Top, double Right, double Bottom)
    {
        public double Overlap(Box o) => Math.Min(Math.Min(Right, o.Right) - Math.Max(Left, o.Left), Math.Min(Bottom, o.Bottom) - Math.Max(Top, o.Top));

        public bool Inside(Box o, double tolerance) =>
            Left >= o.Left - tolerance && Top >= o.Top - tolerance && Right <= o.Right + tolerance && Bottom <= o.Bottom + tolerance;

        public override string ToString() => FormattableString.Invariant($"[{Left:0.#},{Top:0.#}..{Right:0.#},{Bottom:0.#}]");
    }

    public sealed record Text(string Content, Box Box);

    public sealed record ChartLayout(string Title, Box Svg, IReadOnlyList<Text> Texts);

    public sealed record Cell(string Content, int Lines);

    public sealed record Layout(IReadOnlyList<ChartLayout> Charts, IReadOnlyList<Cell> Cells, double Overflow)
    {
        /// <summary>Every broken rule as a line a reader can act on: the chart, the texts, their boxes.</summary>
        public IReadOnlyList<string> Problems()
        {
            var problems = new List<string>();
            foreach (var chart in Charts)
            {
                var texts = chart.Texts.Where(t => t.Content.Trim().Length > 0).ToArray();
                for (int i = 0; i < texts.Length; i++)
                {
                    if (!texts[i].Box.Inside(chart.Svg, Tolerance))
                        problems.Add($"{chart.Title}: '{texts[i].Content}' {texts[i].Box} leaves its SVG {chart.Svg}");
                    for (int j = i + 1; j < texts.Length; j++)
                    {
                        double overlap = texts[i].Box.Overlap(texts[j].Box);
                        if (overlap > Tolerance)
                            problems.Add(FormattableString.Invariant(
                                $"{chart.Title}: '{texts[i].Content}' {texts[i].Box} and '{texts[j].Content}' {texts[j].Box} overlap by {overlap:0.#} px"));
                    }
                }
            }
            foreach (var cell in Cells.Where(c => c.Lines > 1))
                problems.Add($"figure cell '{cell.Content}' takes {cell.Lines} lines");
            if (Overflow > 0) problems.Add(FormattableString.Invariant($"the page is {Overflow:0} px wider than its window"));
            return problems;
        }
    }

    /// <summary>Lays the report at <paramref name="path"/> out <paramref name="width"/> px wide, on screen or as printed, and reads it back.</summary>
    public static async Task<Layout> ReadAsync(BrowserFixture browser, string path, int width, bool print, string? screenshotFolder = null)
    {
        await using var page = await browser.NewPageAsync(width, 900);
        if (print) await page.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.Page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { Timeout = 90_000 });
        string json = await page.Page.EvaluateAsync<string>(Script);
        if (screenshotFolder is not null)
        {
            Directory.CreateDirectory(screenshotFolder);
            var figures = await page.Page.QuerySelectorAllAsync("figure.chart");
            for (int i = 0; i < figures.Count; i++)
                await figures[i].ScreenshotAsync(new ElementHandleScreenshotOptions { Path = Path.Combine(screenshotFolder, $"chart{i:00}.png") });
            var tables = await page.Page.QuerySelectorAllAsync("table");
            for (int i = 0; i < tables.Count; i++)
                await tables[i].ScreenshotAsync(new ElementHandleScreenshotOptions { Path = Path.Combine(screenshotFolder, $"table{i:00}.png") });
        }
        return Parse(json);
    }

    private static Layout Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        static Box box(JsonElement e) => new(e.GetProperty("left").GetDouble(), e.GetProperty("top").GetDouble(), e.GetProperty("right").GetDouble(), e.GetProperty("bottom").GetDouble());
        var charts = root.GetProperty("charts").EnumerateArray().Select(c => new ChartLayout(
            c.GetProperty("title").GetString()!, box(c.GetProperty("svg")),
            c.GetProperty("texts").EnumerateArray().Select(t => new Text(t.GetProperty("text").GetString()!, box(t.GetProperty("box")))).ToArray())).ToArray();
        var cells = root.GetProperty("cells").EnumerateArray().Select(c => new Cell(c.GetProperty("text").GetString()!, c.GetProperty("lines").GetInt32())).ToArray();
        return new Layout(charts, cells, root.GetProperty("overflow").GetDouble());
    }
}
