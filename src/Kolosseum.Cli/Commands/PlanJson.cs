using System.Globalization;
using Kolosseum.Economics;
using Kolosseum.Planning;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Commands;

/// <summary>
/// The JSON document of a plan: the resolved scenario, then per option the fields other tools rely on
/// (layout, step_time_s, mfu, days_to_train, finish_date, it_mw, facility_mw, swing_mw, run_cost_usd, tco_usd)
/// and more. Deterministic: no timings, no timestamps, no absolute paths.
/// </summary>
internal static class PlanJson
{
    public static object Of(Plan plan, Uncertainty.UncertainPlan? uncertain = null) => new
    {
        scenario = ScenarioEcho.Of(plan.Scenario),
        seed = plan.Seed,
        answer = plan.Answer,
        options = plan.Options.Select(Option),
        infeasible = plan.Infeasible.Select(i => new { name = i.Option.Name, reason = i.Reason }),
        comparison = plan.Comparison.Criteria.Select(c => new
        {
            criterion = c.Key,
            name = c.Name,
            unit = c.Unit,
            better = c.Preference.Name(),
            values = c.Values.Select(v => double.IsFinite(v) ? (double?)v : null),
            winner = c.Winner is { } w ? plan.Comparison.Options[w] : null,
        }),
        uncertainty = uncertain is null ? null : UncertaintyJson.Of(uncertain),
    };

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Option(OptionPlan p)
    {
        var r = p.Reliability;
        var c = p.Cost;
        return new
        {
            name = p.Option.Name,
            gpu = p.Option.Gpu.Id,
            gpus = p.Option.Gpus,
            node = p.Option.Node.Id,
            ownership = p.Option.Ownership.Name(),
            layout = EstimateJson.Layout(p.Step.Layout),
            layout_searched = p.Search is not null,
            outside_validated = Validation.ValidatedEnvelope.Embedded.Outside(p.Step.Layout, p.Training.SeqLen),
            validated_best = !p.ValidatedSearched ? null : p.ValidatedBest is not { } v ? (object)new { fits = false } : new
            {
                fits = true, layout = v.Layout.ToString(), gpus = v.Gpus, global_batch = v.GlobalBatch, step_time_s = v.StepTime.Seconds, mfu = v.Mfu,
                memory_gib = v.Memory.GiB, failure_free_days = v.TrainTime.Days,
            },
            global_batch = p.Training.GlobalBatch,
            tokens = p.Training.Tokens,
            batch_days = p.BatchDays is { } bd ? new
            {
                searched_batch = bd.SearchedBatch, searched_tokens = bd.SearchedTokens, searched_expected_days = bd.SearchedDays,
                reference_batch = bd.ReferenceBatch, reference_tokens = bd.ReferenceTokens, reference_expected_days = bd.ReferenceDays,
                reference_layout = bd.ReferenceLayout?.ToString(), reference_outside_validated = bd.ReferenceOutsideShape(p.Training.SeqLen),
            } : null,
            gpus_used = p.Step.Gpus,
            step_time_s = p.Step.StepTime.Seconds,
            time_breakdown_s = p.Step.Time.ToDictionary(t => t.Name, t => t.Value),
            mfu = p.Step.Mfu,
            hfu = p.Step.Hfu,
            tokens_per_s = p.Step.TokensPerSecond,
            memory_gib = p.Step.Memory.GiB,
            memory_breakdown_gib = p.Step.MemoryParts.ToDictionary(m => m.Name, m => m.Value / Units.Bytes.GiBFactor),
            failure_free_days = p.Step.TrainTime.Days,
            days_to_train = new { p10 = r.Days.P10, p50 = r.Days.P50, p90 = r.Days.P90, mean = r.Days.Mean },
            start_date = new { p50 = Date(p.Schedule.StartP50), p90 = Date(p.Schedule.StartP90) },
            full_capacity_date = new { p50 = Date(p.Schedule.FullCapacityP50), p90 = Date(p.Schedule.FullCapacityP90) },
            finish_date = new { p50 = Date(p.Schedule.FinishP50), p90 = Date(p.Schedule.FinishP90) },
            schedule = p.Schedule.Basis,
            ramp = p.Schedule.Ramp.Select(s => new { from = Date(s.From), gpus = s.Gpus, layout = s.Layout.ToString(), tokens_per_s = s.TokensPerSecond, tokens_done_at_start = s.TokensDoneAtStart }),
            ettr = new { mean = r.Ettr.Mean, p10 = r.Ettr.P10, p50 = r.Ettr.P50, p90 = r.Ettr.P90 },
            goodput = new { mean = r.Goodput.Mean, p10 = r.Goodput.P10, p50 = r.Goodput.P50, p90 = r.Goodput.P90 },
            mtbi_hours = r.Inputs.Failures.Mtbi.Hours,
            spare_nodes = r.Inputs.SpareNodes,
            interruptions = new { mean = r.Interruptions.Mean, p10 = r.Interruptions.P10, p50 = r.Interruptions.P50, p90 = r.Interruptions.P90 },
            checkpoint_interval_s = r.Inputs.Interval.Value.Seconds,
            it_mw = p.ItMw,
            facility_mw = p.FacilityMw,
            swing_mw = p.SwingMw,
            ramp_mw_per_s = p.Power.Swing.RampWattsPerSecond / 1e6,
            run_energy_mwh = p.Power.RunEnergy.Facility.MegawattHours,
            run_energy_cost_usd = p.Power.RunEnergy.Cost.Value,
            run_carbon_t = p.Power.RunEnergy.Carbon.Grams / 1e6,
            site_fits = p.Site?.Fits,
            site_largest_gpus = p.Site?.LargestGpus,
            run_cost_usd = c.RunCost.Value,
            tco_usd = Comparison.Tco(p),
            cost_per_gpu_hour_usd = Comparison.GpuHour(p),
            capex_usd = p.Option.Ownership == Ownership.Owned ? c.Capex.Total.Value : 0,
            horizon_years = c.Horizon.Years,
            break_even_utilisation = c.BreakEven?.Utilisation,
            fabric = p.Fabric is { } f ? new
            {
                switch_id = f.Backend.Switch.Id,
                tiers = f.Backend.Tiers,
                islands = f.Backend.Islands,
                oversubscription = f.Backend.Oversubscription,
                switches = f.Backend.Switches,
                transceivers = f.Backend.Transceivers,
                cables = f.Backend.CableCount,
                power_mw = f.Power.Megawatts,
                cost_usd = f.Cost.Value,
            } : null,
            search = p.Search is { } s ? new
            {
                evaluated = s.Evaluated,
                feasible = s.Feasible,
                rejected = s.Rejected.ToDictionary(kv => kv.Key.Name(), kv => kv.Value),
                best = p.BestLayouts.Select(r => SearchJson.Entry(r, Validation.ValidatedEnvelope.Embedded.Outside(r.Layout, p.Training.SeqLen))),
                rank_by = EnumNames<RankBy>.Name(p.RankBy),
                delivered = p.Delivered.Select(d => new
                {
                    gpus = d.Candidate.Gpus, global_batch = d.Candidate.Model.Training.GlobalBatch, layout = d.Candidate.Layout.Layout.ToString(),
                    failure_free_days = d.Candidate.Layout.TrainSeconds / 86400, expected_days = d.Days, simulated_days = d.SimulatedDays, gpu_hours = d.GpuHours,
                }),
            } : null,
            scaling = p.Scaling.Select(x => new { cluster_gpus = x.ClusterGpus, gpus_used = x.Best?.Gpus, days = x.Best?.TrainTime.Days, mfu = x.Best?.Mfu, layout = x.Best?.Layout.ToString() }),
            what_if = p.WhatIf?.Rows.Select(w => new { key = w.Key, description = w.Description, ettr = w.Result.Ettr.Mean, days_p50 = w.Result.Days.P50, days_saved_p50 = w.DaysSavedP50, cannot_finish = w.CannotFinish }),
            tornado = p.Tornado.Select(t => new { input = t.Input.Name(), low_factor = t.LowFactor, high_factor = t.HighFactor, run_cost_low_usd = t.AtLow.Value, run_cost_high_usd = t.AtHigh.Value }),
        };
    }

}
