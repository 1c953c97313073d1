using Kolosseum.Reporting;
using Kolosseum.Reporting.Html;

namespace Kolosseum.Tests.Reporting.Html;

public class TableHtmlTests
{
    [Fact]
    public void Numeric_columns_align_right_text_columns_left_and_short_rows_pad_with_empty_cells()
    {
        var table = new ReportTable("t", [new TableColumn("Option"), new TableColumn("Days", "d"), new TableColumn("Note") { Align = ColumnAlign.Right }],
            [["rent", ReportValue.Of(49.4)], ["build", ReportValue.Of(12.5), "fast"]]);
        string html = HtmlReportWriter.Write(new ReportDocument { Title = "x", Sections = [new ReportSection("s", [new TableBlock(table)])] });

        Assert.Contains("<th scope=\"col\">Option</th><th scope=\"col\" class=\"num\">Days <span class=\"unit\">(d)</span></th><th scope=\"col\" class=\"num\">Note</th>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>rent</td><td class=\"num\">49.4</td><td class=\"num\"></td></tr>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Comparison_marks_each_winner_in_words_not_only_colour()
    {
        var comparison = new ComparisonTable(["rent", "build"], [new ComparisonRow("cost", Better.Lower, [ReportValue.Of(2.0), ReportValue.Of(1.0)])]);
        string html = HtmlReportWriter.Write(new ReportDocument { Title = "x", Comparison = comparison });
        Assert.Contains("<td class=\"num\">2</td><td class=\"num win\">1<span class=\"badge\">best</span></td>", html, StringComparison.Ordinal);
        Assert.Contains("(lower is better)", html, StringComparison.Ordinal);
    }
}
