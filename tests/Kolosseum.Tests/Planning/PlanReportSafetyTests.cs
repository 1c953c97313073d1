using System.Text.RegularExpressions;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// A scenario whose model, option and scenario names are markup, quotes, a style break-out and control
/// characters gives a report in which all of it is text: escaped, never a tag, an attribute or a control code.
/// </summary>
public class PlanReportSafetyTests
{
    private static readonly Regex Tag = new(@"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>", RegexOptions.CultureInvariant);

    private static string Html => PlanFixtures.Hostile.Html;

    [Fact]
    public void The_hostile_plan_is_planned_with_its_names_as_given()
    {
        var plan = PlanFixtures.Hostile.Plan;
        Assert.Equal(PlanFixtures.Script, plan.Scenario.Model.Name);
        Assert.Equal(2, plan.Options.Count);
        Assert.StartsWith(PlanFixtures.Breakout, plan.Options[1].Option.Name, StringComparison.Ordinal);
        Assert.Contains('\u0001', plan.Options[1].Option.Name);
    }

    [Fact]
    public void Script_and_break_out_text_appears_only_escaped()
    {
        Assert.DoesNotContain("<script", Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", Html, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&lt;/style&gt;", Html, StringComparison.Ordinal);
        // The report's own style sheet is the only one closed; no user text ends it early.
        Assert.Single(Regex.Matches(Html, "</style>", RegexOptions.CultureInvariant));
        Assert.DoesNotContain("<img", Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void No_tag_carries_user_text_as_an_attribute_or_an_element()
    {
        var tags = Tag.Matches(Html).ToList();
        Assert.DoesNotContain(tags, t => t.Value.Contains("onerror", StringComparison.OrdinalIgnoreCase) || t.Value.Contains("alert(", StringComparison.Ordinal));
        // The same kinds of element as the default plan's report: hostile names add none.
        var kinds = tags.Select(t => t.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        var defaultKinds = Tag.Matches(PlanFixtures.Default.Html).Select(t => t.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(defaultKinds, kinds);
    }

    [Fact]
    public void Control_and_direction_characters_are_dropped()
    {
        var bad = Html.Where(c => (c < ' ' && c != '\n') || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e' || c is >= '\u2066' and <= '\u2069').ToList();
        Assert.Empty(bad);
        Assert.Contains("&lt;/style&gt;evil", Html, StringComparison.Ordinal);
    }
}
