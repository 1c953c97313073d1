using System.Globalization;
using Kolosseum.Uncertainty;

namespace Kolosseum.Cli.Commands;

/// <summary>The <c>uncertainty</c> object of plan --json: the inputs with their sources, every option's P10/P50/P90, and the verdicts.</summary>
internal static class UncertaintyJson
{
    public static object Of(UncertainPlan u) => new
    {
        samples = u.Samples,
        seed = u.Seed,
        answer = u.Answer,
        inputs = u.Inputs.Select(i => new
        {
            key = i.Key,
            meaning = i.Label,
            distribution = i.Value.Kind,
            low = i.Value.Low,
            median = i.Value.Median,
            high = i.Value.High,
            describe = i.Value.Describe(),
            source = i.Value.Source,
        }),
        options = u.Options.Select(o => new
        {
            name = o.Name,
            days_to_train = Figure(o.Figures[Metric.Days]),
            finish_date = new { p10 = Date(o.Figures[Metric.Finish].P10), p50 = Date(o.Figures[Metric.Finish].P50), p90 = Date(o.Figures[Metric.Finish].P90) },
            run_cost_usd = Figure(o.Figures[Metric.RunCost]),
            tco_usd = Figure(o.Figures[Metric.Tco]),
            facility_mw = Figure(o.Figures[Metric.FacilityMw]),
        }),
        criteria = u.Criteria.Select(c => new
        {
            criterion = c.Metric.Key(),
            name = c.Metric.Name(),
            win_probability = u.Options.Select((o, k) => new { name = o.Name, p = c.WinProbability[k] }),
            leader = c.Leader is { } a ? u.Options[a].Name : null,
            runner_up = c.RunnerUp is { } b ? u.Options[b].Name : null,
            tie = c.Tie,
            sentence = c.Sentence,
            flip = c.Flip is { } f ? new { input = f.Input.Key, value = f.Value, leader_wins_below = f.LeaderWinsBelow } : null,
            tornado = c.Tornado.Select(t => new { input = t.Input.Key, low = t.LowValue, high = t.HighValue, lead_at_low = t.LeadAtLow, lead_at_high = t.LeadAtHigh }),
        }),
    };

    private static object Figure(Spread s) => new { p10 = Num(s.P10), p50 = Num(s.P50), p90 = Num(s.P90) };

    private static double? Num(double v) => double.IsFinite(v) ? v : null;

    public static string? Date(double day) =>
        double.IsFinite(day) ? DateOnly.FromDayNumber((int)Math.Round(day)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}
