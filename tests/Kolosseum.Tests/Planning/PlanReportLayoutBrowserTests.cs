using Kolosseum.Reporting;
using Kolosseum.Reporting.Output;
using Kolosseum.Tests.Reporting;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// The default plan's report as Chromium lays it out on a 1400 px screen and on a printed A4 page: in every chart no
/// two texts overlap and none leaves its SVG, and no figure cell of a table (a number with its unit, a date, a
/// range) breaks onto a second line. Without Chromium these are skipped, unless KOLOSSEUM_REQUIRE_BROWSER=1.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class PlanReportLayoutBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kolosseum-plan-layout-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [BrowserFact]
    public Task Default_plan_report_labels_neither_overlap_nor_leave_their_chart_nor_wrap_figures_at_1400_px() =>
        CheckAsync(width: 1400, print: false);

    [BrowserFact]
    public Task Default_plan_report_labels_neither_overlap_nor_leave_their_chart_nor_wrap_figures_printed_on_a4() =>
        CheckAsync(width: ReportLayoutProbe.A4ContentWidth, print: true);

    [BrowserFact]
    public async Task The_layout_check_sees_overlapping_labels_a_label_outside_its_chart_and_a_wrapped_figure()
    {
        // The check must be able to fail: two labels drawn on one spot, one past the SVG's right edge, a figure cell too narrow for its text.
        const string broken = """
            <!DOCTYPE html><html><head><title>x</title></head><body>
            <figure class="chart"><figcaption><span class="chart-title">broken</span></figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100" width="300" height="100">
            <text x="20" y="50">first label</text><text x="30" y="52">second label</text><text x="280" y="90">past the edge</text></svg></figure>
            <table style="width:60px"><tr><td class="num">2024-07-10 12,345 GPUs</td></tr></table></body></html>
            """;
        string path = Write(broken);
        var problems = (await ReportLayoutProbe.ReadAsync(browser, path, 800, print: false)).Problems();
        Assert.Contains(problems, p => p.Contains("'first label'", StringComparison.Ordinal) && p.Contains("'second label'", StringComparison.Ordinal) && p.Contains("overlap", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'past the edge'", StringComparison.Ordinal) && p.Contains("leaves its SVG", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("figure cell '2024-07-10 12,345 GPUs'", StringComparison.Ordinal));
    }

    private async Task CheckAsync(int width, bool print)
    {
        var planned = PlanFixtures.Default;
        var layout = await ReportLayoutProbe.ReadAsync(browser, Write(planned.Html), width, print);

        // Not vacuous: every chart of the report was read, each with its labels, and the tables' figure cells.
        Assert.Equal(planned.Document.Sections.Sum(s => s.Blocks.Count(b => b is ChartBlock)), layout.Charts.Count);
        Assert.All(layout.Charts, c => Assert.True(c.Texts.Count >= 3, c.Title + " has fewer than 3 texts"));
        Assert.True(layout.Cells.Count > 100, "only " + layout.Cells.Count + " figure cells found");
        var problems = layout.Problems();
        Assert.True(problems.Count == 0, problems.Count + " layout problems:\n" + string.Join("\n", problems));
    }

    private string Write(string html)
    {
        string path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".html");
        var written = ReportFile.WriteAtomically(path, html, createParents: true);
        Assert.True(written.Ok, written.Message);
        return path;
    }
}
