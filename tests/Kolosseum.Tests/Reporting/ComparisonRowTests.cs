using Kolosseum.Reporting;

namespace Kolosseum.Tests.Reporting;

public class ComparisonRowTests
{
    [Fact]
    public void Lower_and_higher_pick_the_extreme()
    {
        Assert.Equal([1], Winners(new ComparisonRow("cost", Better.Lower, [ReportValue.Of(3.0), ReportValue.Of(2.0), ReportValue.Of(5.0)])));
        Assert.Equal([2], Winners(new ComparisonRow("mfu", Better.Higher, [ReportValue.Of(3.0), ReportValue.Of(2.0), ReportValue.Of(5.0)])));
    }

    [Fact]
    public void Ties_at_the_best_value_share_the_win_within_rounding_noise() =>
        Assert.Equal([0, 2], Winners(new ComparisonRow("days", Better.Lower, [ReportValue.Of(2.0), ReportValue.Of(3.0), ReportValue.Of(2.0 * (1 + 1e-12))])));

    [Fact]
    public void Nobody_wins_when_everyone_ties_or_nothing_is_ranked_or_comparable()
    {
        Assert.Empty(new ComparisonRow("same", Better.Lower, [ReportValue.Of(2.0), ReportValue.Of(2.0)]).Winners());
        Assert.Empty(new ComparisonRow("layout", Better.None, [ReportValue.Of(1.0), ReportValue.Of(2.0)]).Winners());
        Assert.Empty(new ComparisonRow("one number", Better.Lower, [ReportValue.Of(1.0), "n/a"]).Winners());
        Assert.Empty(new ComparisonRow("empty", Better.Lower, []).Winners());
    }

    [Fact]
    public void Text_and_non_finite_cells_never_win() =>
        Assert.Equal([2], Winners(new ComparisonRow("cost", Better.Lower, ["cheap", ReportValue.Of("NaN", double.NaN), ReportValue.Of(4.0), ReportValue.Of(9.0), ReportValue.Of("-inf", double.NegativeInfinity)])));

    [Fact]
    public void Dates_compare_by_day()
    {
        var row = new ComparisonRow("finish", Better.Lower, [ReportValue.Date(new DateOnly(2027, 3, 1)), ReportValue.Date(new DateOnly(2026, 12, 31))]);
        Assert.Equal([1], Winners(row));
        Assert.Equal("2026-12-31", row.Values[1].Text);
    }

    // ImmutableArray compares by reference; the test compares the indices.
    private static int[] Winners(ComparisonRow row) => [.. row.Winners()];
}
