using Kolosseum.Buildout;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Commands;

/// <summary>The JSON document of <c>kolosseum buildout --json</c>: durations in days, dates as YYYY-MM-DD, every estimate with its source.</summary>
internal static class BuildoutJson
{
    public static object Document(IReadOnlyList<BuildoutCommand.Job> jobs, IReadOnlyList<BuildoutResult> results, BuildoutRunOptions options) => new
    {
        seed = options.Seed,
        trials = options.Trials,
        percentiles = "nearest rank over trials; capacity p10 is the pessimistic band (90% of trials have at least that many GPUs)",
        options = jobs.Zip(results, Option).ToList(),
    };

    private static object Option(BuildoutCommand.Job job, BuildoutResult r)
    {
        var m = r.Model;
        return new
        {
            name = job.Name,
            ownership = EnumNames<Ownership>.Name(m.Ownership),
            preset = m.Preset,
            preset_description = m.Description,
            preset_is_default = job.PresetIsDefault,
            start = BuildoutFormat.Date(m.Start),
            start_is_default = job.StartIsDefault,
            gpu = job.GpuId,
            gpu_is_default = job.GpuIsDefault,
            gpus = m.Gpus,
            servers = m.Servers,
            gpus_per_server = m.GpusPerServer,
            first_training = Milestone(r.FirstTraining),
            full_capacity = Milestone(r.FullCapacity),
            phases = r.Phases.Select(p => new
            {
                name = p.Name,
                what = p.What,
                after = p.After,
                estimate_days = new { min = p.Estimate.Min.Days, mode = p.Estimate.Mode.Days, max = p.Estimate.Max.Days },
                source = p.Source,
                duration_days = Days(p.Duration),
                finish_days = Days(p.Finish),
                finish_date = Dates(r, p.Finish),
                criticality = p.Criticality,
            }).ToList(),
            ramp = r.RampStages.Select(s => new
            {
                name = s.Name,
                estimate = s.Estimate,
                source = s.Source,
                duration_days = Days(s.Duration),
                criticality = s.Criticality,
            }).ToList(),
            weekly = r.Weekly.Select(w => new
            {
                week = w.Week,
                date = BuildoutFormat.Date(w.Date),
                gpus = new { p10 = w.P10, p50 = w.P50, p90 = w.P90 },
            }).ToList(),
        };
    }

    private static object Milestone(Milestone m) => new
    {
        gpus = m.Gpus,
        days = Days(m.SinceStart),
        date = new { p10 = BuildoutFormat.Date(m.Date.P10), p50 = BuildoutFormat.Date(m.Date.P50), p90 = BuildoutFormat.Date(m.Date.P90) },
    };

    private static object Days(DurationPercentiles d) => new { p10 = Round(d.P10), p50 = Round(d.P50), p90 = Round(d.P90) };

    private static object Dates(BuildoutResult r, DurationPercentiles d) => new
    {
        p10 = BuildoutFormat.Date(r.DateAt(d.P10)), p50 = BuildoutFormat.Date(r.DateAt(d.P50)), p90 = BuildoutFormat.Date(r.DateAt(d.P90)),
    };

    /// <summary>Days to 0.01 d (15 minutes): finer digits are noise of the sampling, not information.</summary>
    private static double Round(Duration d) => Math.Round(d.Days, 2, MidpointRounding.AwayFromZero);
}
