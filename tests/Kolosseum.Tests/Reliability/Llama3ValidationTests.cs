using Kolosseum.Reliability;
using Kolosseum.Units;
using Kolosseum.Workload;
using static Kolosseum.Tests.Reliability.ReliabilityFixtures;

namespace Kolosseum.Tests.Reliability;

/// <summary>
/// Llama 3 405B pre-training (arXiv 2407.21783, Sec 3.3.4): 16,384 H100 for a 54-day snapshot, 419
/// unexpected interruptions in Table 5's proportions, effective training time above 90%. The catalog
/// rates were derived from this very table, so the interruption counts are a consistency check of the
/// data and of the simulation's arithmetic, not an independent validation; the ETTR is the model's own.
/// </summary>
public class Llama3ValidationTests
{
    /// <summary>
    /// Settings like Llama 3's (docs/reliability.md): synchronous checkpoints of the 405B model's state to
    /// Tectonic (7,500 SSD servers, 2 TB/s sustained write) at Daly's interval (the paper gives none), the
    /// default restart (detection 2.5 min, rescheduling 1 min, init, load, warm-up 2 min: about 6 min), 5%
    /// spares, stragglers on (they do not count against ETTR).
    /// </summary>
    private static ReliabilityInputs Inputs(int days)
    {
        var d = Defaults;
        var s = d with { Profile = d.Profile with { CheckpointMode = CheckpointMode.Sync, Storage = "meta-tectonic-server", StorageUnits = 7500 } };
        var size = ReliabilityJob.CheckpointSizeOf(Embedded.Get<ModelSpec>("llama3.1-405b"), s.Profile);
        var job = ReliabilityJob.ForCluster(H100Node, 16384, work: null, size, s.Profile, window: Duration.FromDays(days));
        return ReliabilityInputs.Build(job, s, Embedded);
    }

    [Fact]
    public void Sixteen_thousand_h100_for_54_days_see_419_unexpected_interruptions_in_table_5s_proportions()
    {
        var r = ReliabilitySimulator.Run(Inputs(54), new SimulationOptions { Trials = 400, Seed = 1 });
        // The brief's tolerance is 5%; the Monte-Carlo 99.9% CI (3.29·√(419/400) = 3.4) is tighter.
        Assert.InRange(r.Interruptions.Mean, 419 * 0.95, 419 * 1.05);
        Assert.InRange(r.Interruptions.Mean, 419 - 3.4, 419 + 3.4);
        // Each cause is Poisson with its Table 5 count as mean.
        var table = Embedded.All<FailureRate>().Where(f => f.RateSet == "llama3").ToDictionary(f => f.Cause, f => f.Events!.Value);
        foreach (var c in r.Causes.Where(c => !c.Planned))
        {
            double count = table[c.Key];
            double se = Math.Sqrt(count / r.Trials);
            Assert.InRange(c.MeanPerTrial, count - 3.29 * se, count + 3.29 * se);
        }
        // Planned stops: 47 in the paper's window, fewer here because maintenance due while the job is
        // already down is folded into that restart (about 5% of the time).
        Assert.InRange(r.PlannedStopsMean, 47 * 0.9, 47 * 1.02);
    }

    [Fact]
    public void Ettr_with_llama3_like_checkpoint_and_restart_settings_is_above_90_percent()
    {
        var r = ReliabilitySimulator.Run(Inputs(54), new SimulationOptions { Trials = 200, Seed = 2 });
        Assert.True(r.Ettr.Mean > 0.90, $"ETTR {r.Ettr.Mean}");
        Assert.True(r.Ettr.P10 > 0.90, $"ETTR P10 {r.Ettr.P10}");
    }
}
