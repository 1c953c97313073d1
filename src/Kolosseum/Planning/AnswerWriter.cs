using System.Globalization;
using System.Text;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>The one-paragraph answer a board reads first, written from the numbers (never typed in).</summary>
internal static class AnswerWriter
{
    public static string Write(IReadOnlyList<OptionPlan> plans, IReadOnlyList<InfeasibleOption> infeasible)
    {
        var sb = new StringBuilder();
        if (plans.Count == 0)
        {
            sb.Append("No option can train this model: ");
            sb.Append(string.Join("; ", infeasible.Select(i => $"{i.Option.Name}: {i.Reason}")));
            sb.Append('.');
            return sb.ToString();
        }
        var first = plans.MinBy(p => (p.Schedule.FinishP50.DayNumber, p.Schedule.FinishP90.DayNumber))!;
        var others = plans.Where(p => p != first).ToList();
        // "finishes first ... 0 days later" reads as a win that is not there: a tie on the P50 day is said as one.
        bool tied = others.Any(o => o.Schedule.FinishP50 == first.Schedule.FinishP50);
        // "First" needs a second: a plan of one option says when it trains, not that it wins.
        string lead = others.Count == 0 ? "trains it" : tied ? (others.Count == 1 ? "finishes no later than the other" : "finishes no later than the others") : "finishes first";
        sb.Append(CultureInfo.InvariantCulture, $"{first.Option.Name} {lead}: trained by {Date(first.Schedule.FinishP50)} (P90 {Date(first.Schedule.FinishP90)}), ");
        sb.Append(CultureInfo.InvariantCulture, $"{UnitFormat.Days(first.DaysP50)} of training at {Pct(first.Step.Mfu)} MFU on {UnitFormat.Count(first.Step.Gpus, "GPU")}");
        foreach (var o in others)
        {
            int later = o.Schedule.FinishP50.DayNumber - first.Schedule.FinishP50.DayNumber;
            string when = later == 0 ? "the same day" : $"{UnitFormat.Count(later, "day")} later";
            sb.Append(CultureInfo.InvariantCulture, $"; {o.Option.Name} finishes {Date(o.Schedule.FinishP50)} (P90 {Date(o.Schedule.FinishP90)}), {when}");
        }
        sb.Append(". ");

        var cheapest = plans.MinBy(p => p.Cost.RunCost.Value)!;
        sb.Append(CultureInfo.InvariantCulture, $"The run costs {string.Join(" against ", plans.Select(p => $"{p.Cost.RunCost} for {p.Option.Name}"))}");
        sb.Append(plans.Count > 1 ? $", so {cheapest.Option.Name} trains it cheapest. " : ". ");
        foreach (var rented in plans.Where(p => p.RentBasis is not null)) sb.Append(CultureInfo.InvariantCulture, $"{rented.Option.Name}: {rented.RentBasis}. ");

        foreach (var owned in plans.Where(p => p.Option.Ownership == Ownership.Owned))
        {
            if (owned.SiteCapped && owned.Power.Site is { } limit)
                sb.Append(CultureInfo.InvariantCulture, $"{owned.Option.Name} is planned under the {UnitFormat.Number(limit.Limit.Megawatts)} MW site limit, which powers {UnitFormat.Count(owned.PoweredGpus)} of its {UnitFormat.Count(owned.Option.Gpus, "GPU")}: the plan trains, powers and prices those (the rest stay dark). ");
            sb.Append(CultureInfo.InvariantCulture, $"Owning {UnitFormat.Count(owned.SiteCapped ? owned.PoweredGpus : owned.Option.Gpus)} {owned.Option.Gpu.Name} needs {owned.Cost.Capex.Total} up front and ");
            sb.Append(CultureInfo.InvariantCulture, $"{UnitFormat.Number(owned.FacilityMw)} MW at the facility ({UnitFormat.Number(owned.ItMw)} MW IT), swinging {UnitFormat.Number(owned.SwingMw)} MW every step");
            if (owned.Power.Site is { } site)
                sb.Append(site.Fits ? $", within the {UnitFormat.Number(site.Limit.Megawatts)} MW site limit"
                    : string.Create(CultureInfo.InvariantCulture, $", more than the {UnitFormat.Number(site.Limit.Megawatts)} MW site limit (at most {UnitFormat.Count(site.LargestGpus, "GPU")} fit; its dates assume the rest of the power is found)"));
            sb.Append(CultureInfo.InvariantCulture, $"; over {UnitFormat.Amount(owned.Cost.Horizon.Years, "year")} it costs {owned.Cost.OwnedTcoLevelised}");
            if (owned.Cost.BreakEven is { } be)
            {
                sb.Append(be.Utilisation is { } u
                    ? $" and beats renting the same GPUs above {Pct(u)} utilisation (the scenario assumes {Pct(owned.Cost.Utilisation)})"
                    : " and renting the same GPUs stays cheaper even at full utilisation");
            }
            sb.Append(". ");
        }
        var biggest = plans.MaxBy(p => p.Step.Gpus)!;
        sb.Append(CultureInfo.InvariantCulture, $"At {UnitFormat.Count(biggest.Step.Gpus, "GPU")} a failure interrupts training every {biggest.Reliability.Inputs.Failures.Mtbi} and ");
        sb.Append(CultureInfo.InvariantCulture, $"{Pct(biggest.Reliability.Ettr.P50)} of the wall-clock time trains (ETTR, P50).");
        foreach (var i in infeasible) sb.Append(CultureInfo.InvariantCulture, $" {i.Option.Name} cannot train it: {i.Reason}.");
        return sb.ToString();
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Pct(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
