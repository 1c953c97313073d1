using Kolosseum.Planning;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Sweeps;

/// <summary>
/// The columns of a sweep's result and how a planned point fills them: the point (index, shard, seed, hashes), each
/// axis's value (as written and as a number in SI units), and every headline figure of each option, prefixed
/// <c>o0_</c>, <c>o1_</c>... by the option's position in the scenario (docs/sweeps.md, "Columns").
/// </summary>
public static class SweepColumns
{
    private static readonly (string Name, SweepColumnType Type)[] PerOption =
    [
        ("name", SweepColumnType.Text), ("feasible", SweepColumnType.Boolean), ("infeasible_reason", SweepColumnType.Text),
        ("gpus", SweepColumnType.Int64), ("gpus_trained", SweepColumnType.Int64), ("layout", SweepColumnType.Text),
        ("tp", SweepColumnType.Int64), ("pp", SweepColumnType.Int64), ("vpp", SweepColumnType.Int64), ("dp", SweepColumnType.Int64),
        ("cp", SweepColumnType.Int64), ("ep", SweepColumnType.Int64), ("zero", SweepColumnType.Int64), ("sequence_parallel", SweepColumnType.Boolean),
        ("recompute", SweepColumnType.Text), ("micro_batch", SweepColumnType.Int64), ("global_batch", SweepColumnType.Int64),
        ("step_time_s", SweepColumnType.Double), ("mfu", SweepColumnType.Double), ("days_p50", SweepColumnType.Double), ("days_p90", SweepColumnType.Double),
        ("start_p50", SweepColumnType.Date), ("finish_p50", SweepColumnType.Date), ("finish_p90", SweepColumnType.Date), ("ettr_p50", SweepColumnType.Double),
        ("run_cost_usd", SweepColumnType.Double), ("tco_usd", SweepColumnType.Double), ("capex_usd", SweepColumnType.Double),
        ("it_mw", SweepColumnType.Double), ("facility_mw", SweepColumnType.Double), ("swing_mw", SweepColumnType.Double), ("energy_mwh", SweepColumnType.Double),
    ];

    public static IReadOnlyList<SweepColumn> For(SweepSpec spec, int options)
    {
        var columns = new List<SweepColumn>
        {
            new("point", SweepColumnType.Int64), new("shard", SweepColumnType.Int64), new("shards", SweepColumnType.Int64),
            new("seed", SweepColumnType.Int64), new("scenario_hash", SweepColumnType.Text), new("sweep_hash", SweepColumnType.Text),
        };
        foreach (var a in spec.Axes)
        {
            columns.Add(new(a.Column, SweepColumnType.Text));
            columns.Add(new(a.Column + "#si", SweepColumnType.Double));
        }
        for (int i = 0; i < options; i++)
            columns.AddRange(PerOption.Select(c => new SweepColumn($"o{i.Inv()}_{c.Name}", c.Type)));
        columns.Add(new("first_to_finish", SweepColumnType.Text));
        columns.Add(new("cheapest_run", SweepColumnType.Text));
        return columns;
    }

    public static object?[] Row(SweepSpec spec, SweepPoint point, Plan plan, Shard shard)
    {
        var row = new List<object?> { point.Index, (long)shard.Index, (long)shard.Count, (long)plan.Seed, point.ScenarioHash, spec.Hash };
        foreach (var v in point.Values)
        {
            row.Add(v);
            row.Add(SiValue(v));
        }
        foreach (var option in point.Scenario.Options) row.AddRange(Option(option, plan));
        row.Add(Best(plan, "finish_p50"));
        row.Add(Best(plan, "run_cost"));
        return [.. row];
    }

    private static object?[] Option(ClusterOption option, Plan plan)
    {
        var p = plan.Options.FirstOrDefault(o => o.Option.Name == option.Name);
        if (p is null)
        {
            var values = new object?[PerOption.Length];
            values[0] = option.Name;
            values[1] = false;
            values[2] = plan.Infeasible.FirstOrDefault(i => i.Option.Name == option.Name)?.Reason;
            values[3] = option.Gpus;
            return values;
        }
        var l = p.Step.Layout;
        return
        [
            option.Name, true, null, option.Gpus, p.Step.Gpus, l.ToString(),
            (long)l.Tp, (long)l.Pp, (long)l.Vpp, (long)l.Dp, (long)l.Cp, (long)l.Ep, (long)l.Zero, l.SequenceParallel,
            EnumNames<Performance.Recompute>.Name(l.Recompute), (long)l.MicroBatch, (long)p.Training.GlobalBatch,
            p.Step.StepTime.Seconds, p.Step.Mfu, p.DaysP50, p.DaysP90,
            p.Schedule.StartP50, p.Schedule.FinishP50, p.Schedule.FinishP90, p.Reliability.Ettr.P50,
            Finite(p.Cost.RunCost.Value), Finite(Comparison.Tco(p)), option.Ownership == Ownership.Owned ? p.Cost.Capex.Total.Value : 0.0,
            p.ItMw, p.FacilityMw, p.SwingMw, p.Power.RunEnergy.Facility.MegawattHours,
        ];
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    /// <summary>The winner of a comparison criterion, by name; with one feasible option, that option.</summary>
    private static string? Best(Plan plan, string key)
    {
        if (plan.Options.Count == 1) return plan.Options[0].Option.Name;
        var c = plan.Comparison.Criteria.FirstOrDefault(x => x.Key == key);
        return c?.Winner is { } w ? plan.Comparison.Options[w] : null;
    }

    /// <summary>The value as a number: a count (100k), else the SI value of the first unit it reads in (150 MW is 1.5e8 W), else null.</summary>
    public static double? SiValue(string text)
    {
        foreach (var d in Enum.GetValues<Dimension>())
        {
            var q = QuantityParser.Parse(text, d);
            if (q.Ok) return q.Value;
        }
        return null;
    }
}
