using Kolosseum.Scenarios;

namespace Kolosseum.Planning;

/// <summary>Whether a criterion prefers the lower or the higher value.</summary>
public enum Preference
{
    Lower,
    Higher,
}

/// <summary>One row of the comparison: a criterion, each option's value (NaN where it does not apply) and the winner.</summary>
public sealed record Criterion(string Key, string Name, string Unit, Preference Preference, IReadOnlyList<double> Values)
{
    /// <summary>Index of the best option; null when fewer than two options have a value or all tie.</summary>
    public int? Winner
    {
        get
        {
            var valid = Values.Select((v, i) => (v, i)).Where(x => double.IsFinite(x.v)).ToList();
            if (valid.Count < 2) return null;
            var best = Preference == Preference.Lower ? valid.MinBy(x => x.v) : valid.MaxBy(x => x.v);
            return valid.Count(x => x.v == best.v) > 1 ? null : best.i;
        }
    }
}

/// <summary>The options side by side, criterion by criterion (docs/plan.md, "Comparison").</summary>
public sealed record Comparison(IReadOnlyList<string> Options, IReadOnlyList<Criterion> Criteria)
{
    public static Comparison Build(IReadOnlyList<OptionPlan> plans)
    {
        double Day(DateOnly d) => d.DayNumber;
        var criteria = new List<Criterion>
        {
            new("finish_p50", "trained by (P50)", "date", Preference.Lower, [.. plans.Select(p => Day(p.Schedule.FinishP50))]),
            new("finish_p90", "trained by (P90)", "date", Preference.Lower, [.. plans.Select(p => Day(p.Schedule.FinishP90))]),
            new("days_p50", "days to train with failures (P50)", "d", Preference.Lower, [.. plans.Select(p => p.DaysP50)]),
            new("run_cost", "cost of the run", "USD", Preference.Lower, [.. plans.Select(p => p.Cost.RunCost.Value)]),
            new("gpu_hour", "cost per useful GPU-hour", "USD/h", Preference.Lower, [.. plans.Select(GpuHour)]),
            new("tco", "cost over the horizon (owned: TCO; rented: rent)", "USD", Preference.Lower, [.. plans.Select(Tco)]),
            new("tco_per_gpu_year", "cost over the horizon per GPU-year", "USD/GPU-y", Preference.Lower, [.. plans.Select(TcoPerGpuYear)]),
            new("tco_equal_gpus", $"cost over the horizon at {EqualGpus(plans).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} GPUs each", "USD",
                Preference.Lower, [.. plans.Select(p => TcoAtGpus(p, EqualGpus(plans)))]),
            new("capex", "up-front capex", "USD", Preference.Lower, [.. plans.Select(p => p.Cost.UpFrontCapex.Value)]),
            new("facility_mw", "facility power (nameplate)", "MW", Preference.Lower, [.. plans.Select(p => p.FacilityMw)]),
            new("swing_mw", "power swing every step", "MW", Preference.Lower, [.. plans.Select(p => p.SwingMw)]),
            new("energy", "facility energy of the run", "MWh", Preference.Lower, [.. plans.Select(p => p.Power.RunEnergy.Facility.MegawattHours)]),
            new("ettr", "effective training time ratio (P50)", "", Preference.Higher, [.. plans.Select(p => p.Reliability.Ettr.P50)]),
            new("mfu", "model FLOPs utilisation", "", Preference.Higher, [.. plans.Select(p => p.Step.Mfu)]),
        };
        return new Comparison([.. plans.Select(p => p.Option.Name)], criteria);
    }

    /// <summary>Owned: levelised cost per useful GPU-hour at the scenario's utilisation; rented: the rent with its overhead.</summary>
    public static double GpuHour(OptionPlan p) =>
        p.Option.Ownership == Ownership.Owned ? p.Cost.OwnedPerUsefulGpuHour.UsdPerHour : p.Cost.RentEffective?.UsdPerHour ?? double.NaN;

    /// <summary>
    /// The GPU count the options' horizon costs are compared at: the largest any option prices (docs/economics.md,
    /// "At equal GPU count"), so that 24,000 rented and 100,000 owned GPUs are not compared as if they were the same cluster.
    /// </summary>
    public static long EqualGpus(IReadOnlyList<OptionPlan> plans) => plans.Count == 0 ? 0 : plans.Max(p => p.Cost.Gpus);

    /// <summary>The horizon cost per GPU the option prices and per year of the horizon: <see cref="Tco"/> / (GPUs × years).</summary>
    public static double TcoPerGpuYear(OptionPlan p) => Tco(p) / (p.Cost.Gpus * p.Cost.Horizon.Years);

    /// <summary>The horizon cost scaled to <paramref name="gpus"/> GPUs at the option's cost per GPU (linear in the GPUs).</summary>
    public static double TcoAtGpus(OptionPlan p, long gpus) => Tco(p) / p.Cost.Gpus * gpus;

    /// <summary>Owned: levelised TCO over the horizon; rented: renting the GPUs over the same horizon.</summary>
    public static double Tco(OptionPlan p) =>
        p.Option.Ownership == Ownership.Owned ? p.Cost.OwnedTcoLevelised.Value : p.Cost.RentedTco?.Value ?? double.NaN;
}
