using Kolosseum.Cli.Infrastructure;
using Kolosseum.Reliability;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Commands;

/// <summary>The JSON document of <c>kolosseum reliability --json</c>: snake_case, SI units in key names, no NaN.</summary>
internal static class ReliabilityJson
{
    public static Dictionary<string, object?> Build(ReliabilityRequest request, ReliabilityResult r, WhatIfTable? whatIf)
    {
        var i = r.Inputs;
        var job = i.Job;
        var doc = new Dictionary<string, object?>
        {
            ["trials"] = r.Trials,
            ["seed"] = r.Seed,
            ["title"] = request.Title,
            ["job"] = new Dictionary<string, object?>
            {
                ["gpu"] = request.GpuName, ["gpus"] = job.Gpus, ["nodes"] = job.Nodes, ["links"] = job.Links, ["switches"] = job.Switches,
                ["failure_free_days"] = N(job.Work?.Days), ["work_source"] = request.WorkSource, ["assumed_mfu"] = N(request.AssumedMfu),
                ["step_time_s"] = N(job.StepTime?.Seconds), ["window_days"] = N(job.Window?.Days), ["checkpoint_bytes"] = job.CheckpointSize.Value,
            },
            ["settings"] = i.Settings.Echo().ToDictionary(e => e.Key, e => (object?)new { value = e.Value, origin = e.Origin }),
            ["interruptions"] = new Dictionary<string, object?>
            {
                ["mean"] = N(r.Interruptions.Mean), ["p10"] = N(r.Interruptions.P10), ["p50"] = N(r.Interruptions.P50), ["p90"] = N(r.Interruptions.P90),
                ["by_cause"] = r.Causes.Where(c => !c.Planned).ToDictionary(c => c.Key, c => (object?)N(c.MeanPerTrial)),
                ["planned_mean"] = N(r.PlannedStopsMean),
            },
            ["ettr"] = Stats(r.Ettr),
            ["goodput"] = Stats(r.Goodput),
            ["checkpoint_interval_s"] = i.Interval.Value.Seconds,
            ["mtbi_hours"] = N(i.Failures.Mtbi.Hours),
            ["simulated_mtbi_hours"] = N(r.SimulatedMtbiHours),
            ["days_to_finish"] = new Dictionary<string, object?>
            {
                ["mean"] = N(r.Days.Mean), ["p10"] = N(r.Days.P10), ["p50"] = N(r.Days.P50), ["p90"] = N(r.Days.P90),
                ["finished_trials"] = r.Finished, ["abandoned_trials"] = r.GaveUp,
            },
            ["gpu_hours_lost"] = new Dictionary<string, object?>
            {
                ["lost_work"] = r.Lost.LostWork, ["restart"] = r.Lost.Restart, ["waiting_for_spares"] = r.Lost.WaitingForSpares,
                ["checkpoint"] = r.Lost.Checkpoint, ["stragglers"] = r.Lost.Stragglers, ["running_smaller"] = r.Lost.RunningSmaller,
                ["planned_stops"] = r.Lost.PlannedStops, ["total"] = r.Lost.Total, ["useful"] = r.UsefulGpuHours, ["held"] = r.TotalGpuHours,
            },
            ["failure_model"] = new Dictionary<string, object?>
            {
                ["rate_sets"] = i.Profile.FailureRates,
                ["unexpected_per_day"] = i.Failures.UnexpectedPerHour * 24,
                ["planned_per_day"] = i.Failures.PlannedPerHour * 24,
                ["needs_spare_share"] = i.Failures.SpareShare,
                ["distribution"] = EnumNames<FailureDistribution>.Name(i.Profile.Distribution),
                ["causes"] = r.Causes.Select(c => new Dictionary<string, object?>
                {
                    ["cause"] = c.Key, ["component"] = c.Component, ["category"] = EnumNames<FailureCategory>.Name(c.Category), ["planned"] = c.Planned,
                    ["needs_spare"] = c.NeedsSpare, ["expected_per_day"] = c.ExpectedPerDay, ["mean_per_run"] = c.MeanPerTrial, ["share"] = N(c.Share),
                }).ToList(),
            },
            ["checkpoint"] = new Dictionary<string, object?>
            {
                ["mode"] = EnumNames<CheckpointMode>.Name(i.Checkpoint.Mode), ["size_bytes"] = i.Checkpoint.Size.Value, ["interval_s"] = i.Interval.Value.Seconds,
                ["interval_rule"] = i.Interval.Rule, ["young_s"] = N(i.Interval.Young.Seconds), ["daly_s"] = N(i.Interval.Daly.Seconds),
                ["blocking_s"] = i.Checkpoint.Blocking.Seconds, ["durable_s"] = i.Checkpoint.Durable.Seconds, ["persist_s"] = i.Checkpoint.PersistTime.Seconds,
                ["storage"] = i.Checkpoint.Storage.Spec.Id, ["storage_units"] = i.Checkpoint.Storage.Units,
                ["write_bytes_per_s"] = i.Checkpoint.WriteBandwidth.Value, ["read_bytes_per_s"] = i.Checkpoint.ReadBandwidth.Value,
            },
            ["restart"] = new Dictionary<string, object?>
            {
                ["detection_s"] = i.Restart.Detection.Seconds, ["rescheduling_s"] = i.Restart.Rescheduling.Seconds,
                ["process_group_init_s"] = i.Restart.ProcessGroupInit.Seconds, ["checkpoint_load_s"] = i.Restart.CheckpointLoad.Seconds,
                ["warmup_s"] = i.Restart.Warmup.Seconds, ["total_s"] = i.Restart.Total.Seconds,
            },
            ["spares"] = new Dictionary<string, object?>
            {
                ["nodes"] = i.SpareNodes, ["policy"] = EnumNames<SparePolicy>.Name(i.Profile.WhenSparesRunOut),
                ["repair_median_s"] = i.Repair.Median.Seconds, ["used_mean"] = r.SparesUsedMean, ["waits_mean"] = r.WaitsForSparesMean,
            },
            ["stragglers"] = new Dictionary<string, object?>
            {
                ["enabled"] = i.Stragglers.Enabled, ["wasted_gpu_hour_fraction"] = i.Stragglers.Enabled ? i.Stragglers.WastedGpuHourFraction : 0,
            },
            ["analytic"] = new Dictionary<string, object?> { ["ettr_daly"] = N(i.AnalyticEttr), ["ettr_first_order"] = N(i.FirstOrderEttr) },
            ["timeline"] = new Dictionary<string, object?>
            {
                ["trial"] = r.TimelineTrial, ["events"] = r.TimelineEvents,
                ["first"] = r.Timeline.Take(request.TimelineEvents).Select(e => new Dictionary<string, object?>
                {
                    ["t_s"] = e.At.Seconds, ["event"] = EnumNames<TimelineEventKind>.Name(e.Kind), ["cause"] = e.Cause,
                    ["lost_work_s"] = N(e.LostWork?.Seconds), ["nodes"] = e.Nodes, ["slowdown"] = N(e.Slowdown),
                }).ToList(),
            },
            ["trace_digest"] = r.TraceDigest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
            ["infeasible"] = r.Infeasible,
        };
        if (whatIf is not null)
        {
            doc["what_if"] = whatIf.Rows.Select(w => new Dictionary<string, object?>
            {
                ["variant"] = w.Key, ["description"] = w.Description, ["ettr_mean"] = N(w.Result.Ettr.Mean), ["goodput_mean"] = N(w.Result.Goodput.Mean),
                ["days_p50"] = N(w.Result.Days.P50), ["days_p90"] = N(w.Result.Days.P90), ["days_saved_p50"] = N(w.DaysSavedP50),
                ["checkpoint_interval_s"] = w.Result.Inputs.Interval.Value.Seconds, ["cannot_finish"] = w.CannotFinish,
                ["abandoned_trials"] = w.Result.GaveUp, ["infeasible"] = w.Result.Infeasible,
            }).ToList();
        }
        return doc;
    }

    private static Dictionary<string, object?> Stats(Summary s) => new()
    {
        ["mean"] = N(s.Mean), ["p10"] = N(s.P10), ["p50"] = N(s.P50), ["p90"] = N(s.P90), ["std_dev"] = N(s.StdDev),
    };

    /// <summary>JSON has no NaN or infinity: those become null.</summary>
    private static double? N(double? v) => v is { } x && double.IsFinite(x) ? x : null;
}
