using Kolosseum.Units;

namespace Kolosseum.Reliability;

/// <summary>One mitigation or sensitivity: a change to the settings, judged against the baseline interval and settings.</summary>
public sealed record WhatIfVariant(string Key, string Description, Func<ReliabilitySettings, ReliabilityInputs, ReliabilitySettings> Apply);

/// <summary>The outcome of one variant next to the baseline.</summary>
public sealed record WhatIfRow(string Key, string Description, ReliabilityResult Result, ReliabilityResult Baseline)
{
    public double EttrChange => Result.Ettr.Mean - Baseline.Ettr.Mean;
    public double DaysSavedP50 => Baseline.Days.P50 - Result.Days.P50;

    /// <summary>Most trials were abandoned (or nothing was simulated): the change makes the run unable to finish.</summary>
    public bool CannotFinish => Result.Infeasible is not null || Result.GaveUp * 2 > Result.Trials;
}

public sealed record WhatIfTable(ReliabilityResult Baseline, IReadOnlyList<WhatIfRow> Rows);

/// <summary>
/// "What buys the most goodput?": the same job simulated with one change at a time (same seed and
/// trials, so differences are not sampling noise of independent runs).
/// </summary>
public static class WhatIfAnalysis
{
    /// <summary>The standard questions of a reliability engineer, skipping those that equal the baseline.</summary>
    public static IReadOnlyList<WhatIfVariant> StandardVariants(ReliabilitySettings baseline)
    {
        var p = baseline.Profile;
        var list = new List<WhatIfVariant>
        {
            new("restart_2x_faster", "restart twice as fast (detection, rescheduling, init, warm-up halved)",
                (s, _) => s with { RestartScale = s.RestartScale * 0.5 }),
        };
        foreach (var mode in Enum.GetValues<CheckpointMode>().Where(m => m != p.CheckpointMode))
        {
            string name = Yaml.EnumNames<CheckpointMode>.Name(mode);
            list.Add(new($"{name}_checkpoints", $"{name.Replace('_', '-')} checkpoints", (s, _) => s with { Profile = s.Profile with { CheckpointMode = mode } }));
        }
        if (p.Spares > 0)
        {
            list.Add(new("double_spares", $"spares {(p.Spares * 200).Inv("0.#")} % of nodes instead of {(p.Spares * 100).Inv("0.#")} %",
                (s, _) => s with { Profile = s.Profile with { Spares = Math.Min(1, s.Profile.Spares * 2) } }));
            list.Add(new("fifth_of_spares", $"spares {(p.Spares * 20).Inv("0.##")} % of nodes", (s, _) => s with { Profile = s.Profile with { Spares = s.Profile.Spares / 5 } }));
            list.Add(new("no_spares", "no hot spares: every node swap waits for a repair", (s, _) => s with { Profile = s.Profile with { Spares = 0 } }));
        }
        var other = p.WhenSparesRunOut == SparePolicy.Wait ? SparePolicy.Shrink : SparePolicy.Wait;
        list.Add(new($"{Yaml.EnumNames<SparePolicy>.Name(other)}_when_out_of_spares",
            other == SparePolicy.Shrink ? "elastic: continue on fewer nodes when spares run out" : "wait for a repair when spares run out",
            (s, _) => s with { Profile = s.Profile with { WhenSparesRunOut = other } }));
        if (p.Stragglers)
            list.Add(new("no_stragglers", "stragglers detected and removed at once", (s, _) => s with { Profile = s.Profile with { Stragglers = false } }));
        list.Add(new("half_failure_rate", "half the failure rate (burn-in, lemon-node removal)", (s, _) => s with { FailureRateScale = s.FailureRateScale * 0.5 }));
        list.Add(new("double_failure_rate", "twice the failure rate (a younger fleet; Meta RSC-1 saw 1.7x Llama 3's rate)", (s, _) => s with { FailureRateScale = s.FailureRateScale * 2 }));
        list.Add(new("interval_x2", "checkpoint interval doubled", (s, b) => s with { Profile = s.Profile with { CheckpointInterval = b.Interval.Value * 2 } }));
        list.Add(new("interval_half", "checkpoint interval halved", (s, b) => s with { Profile = s.Profile with { CheckpointInterval = b.Interval.Value / 2 } }));
        list.Add(new("all_mitigations", "in-memory checkpoints, restart 2x faster, double spares, no stragglers",
            (s, _) => s with
            {
                RestartScale = s.RestartScale * 0.5,
                Profile = s.Profile with
                {
                    CheckpointMode = CheckpointMode.InMemory, Spares = Math.Min(1, s.Profile.Spares * 2), Stragglers = false,
                },
            }));
        return list;
    }

    public static WhatIfTable Run(ReliabilityJob job, ReliabilitySettings settings, Catalog.Catalog catalog, SimulationOptions options,
        IReadOnlyList<WhatIfVariant>? variants = null)
    {
        variants ??= StandardVariants(settings);
        var baseInputs = ReliabilityInputs.Build(job, settings, catalog);
        long runs = variants.Count + 1;
        long trials = options.Trials;
        SimulationOptions Step(int index, long timeline) => options with
        {
            TimelineTrial = timeline,
            Progress = options.Progress is null ? null : (done, _) => options.Progress(index * trials + done, runs * trials),
        };
        var baseline = ReliabilitySimulator.Run(baseInputs, Step(0, options.TimelineTrial));
        var rows = new List<WhatIfRow>();
        for (int i = 0; i < variants.Count; i++)
        {
            var v = variants[i];
            var inputs = ReliabilityInputs.Build(job, v.Apply(settings, baseInputs), catalog);
            rows.Add(new WhatIfRow(v.Key, v.Description, ReliabilitySimulator.Run(inputs, Step(i + 1, -1)), baseline));
        }
        return new WhatIfTable(baseline, rows);
    }
}
