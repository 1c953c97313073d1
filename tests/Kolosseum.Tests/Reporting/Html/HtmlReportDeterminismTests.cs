using System.Globalization;
using Kolosseum.Reporting.Html;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Reporting.Html;

public class HtmlReportDeterminismTests
{
    [Fact]
    public void Sample_report_matches_the_approved_file() =>
        Approvals.Verify(HtmlReportWriter.Write(SampleReport.Build()), "Reporting/SampleReport.approved.html");

    [Theory]
    [InlineData("de-DE")] // decimal comma
    [InlineData("tr-TR")] // dotted and dotless i in case mapping
    [InlineData("ar-SA")] // right-to-left, its own calendar
    [InlineData("fr-CH")] // apostrophe as group separator
    public void Culture_does_not_change_a_byte(string culture)
    {
        string invariant = WithCulture(CultureInfo.InvariantCulture, () => HtmlReportWriter.Write(SampleReport.Build()));
        string local = WithCulture(new CultureInfo(culture), () => HtmlReportWriter.Write(SampleReport.Build()));
        Assert.Equal(invariant, local);
    }

    [Fact]
    public void Same_document_gives_the_same_bytes_and_nothing_from_the_machine()
    {
        var document = SampleReport.Build();
        string first = HtmlReportWriter.Write(document), second = HtmlReportWriter.Write(document);
        Assert.Equal(first, second);
        Assert.DoesNotContain(Environment.MachineName, first, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), first, StringComparison.Ordinal);
        Assert.DoesNotContain(AppContext.BaseDirectory, first, StringComparison.Ordinal);
        Assert.DoesNotContain(DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture) + "-" + DateTime.UtcNow.ToString("MM-dd", CultureInfo.InvariantCulture), first, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", first, StringComparison.Ordinal);
    }

    private static string WithCulture(CultureInfo culture, Func<string> render)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return render();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }
}
