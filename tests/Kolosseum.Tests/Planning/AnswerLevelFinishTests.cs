using Kolosseum.Planning;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// Two options that finish on the same P50 day: the answer must not name one of them as finishing "first"
/// and the other as "0 days later" — a win the numbers do not show.
/// </summary>
public class AnswerLevelFinishTests
{
    private static readonly PlanOptions Options = new() { Seed = 3, Trials = 100, WhatIf = false };

    private static string Option(string name) => $"""
          - name: {name}
            gpu: H100-SXM-80GB
            gpus: 2048
            node: hgx-h100
            ownership: owned
            buildout:
              preset: fast-track
        """;

    private static string Twins => $"""
        name: twins
        model: llama3.1-8b
        training:
          tokens: 100B
          global_batch: 2048
          seq_len: 8192
          precision: bf16
        options:
        {Option("Build A")}
        {Option("Build B")}
        """;

    [Fact]
    public void Options_that_finish_the_same_day_are_said_to_tie()
    {
        var plan = Planner.Run(TestScenarios.Parse(Twins, "twins.yaml"), Options);
        Assert.Equal(2, plan.Options.Count);
        // Each option draws its own build-out risk, so twins need not land on one day: give B A's schedule.
        var a = plan.Options[0];
        var b = plan.Options[1] with { Schedule = a.Schedule };
        string answer = AnswerWriter.Write([a, b], []);
        Assert.DoesNotContain("finishes first", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("0 days later", answer, StringComparison.Ordinal);
        Assert.Contains("Build A finishes no later than the other:", answer, StringComparison.Ordinal);
        Assert.Contains("Build B finishes " + a.Schedule.FinishP50.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), answer, StringComparison.Ordinal);
        Assert.Contains("the same day", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void An_option_that_finishes_earlier_is_said_to_finish_first_with_the_gap_in_days()
    {
        var plan = Planner.Run(TestScenarios.Parse(Twins, "twins.yaml"), Options);
        var a = plan.Options[0];
        var later = a.Schedule with { FinishP50 = a.Schedule.FinishP50.AddDays(3), FinishP90 = a.Schedule.FinishP90.AddDays(3) };
        var b = plan.Options[1] with { Schedule = later };
        string answer = AnswerWriter.Write([b, a], []);
        Assert.Contains("Build A finishes first", answer, StringComparison.Ordinal);
        Assert.Contains("3 days later", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("the same day", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plan_of_one_option_says_when_it_trains_not_that_it_finishes_first()
    {
        var plan = Planner.Run(TestScenarios.Parse(Twins, "twins.yaml"), Options);
        string answer = AnswerWriter.Write([plan.Options[0]], []);
        Assert.DoesNotContain("finishes first", answer, StringComparison.Ordinal);
        Assert.StartsWith("Build A trains it: trained by ", answer, StringComparison.Ordinal);
    }
}
