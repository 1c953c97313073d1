using Kolosseum.Power;
using Kolosseum.Units;
using static Kolosseum.Tests.Power.PowerFixture;

namespace Kolosseum.Tests.Power;

public class PowerSwingTests
{
    /// <summary>
    /// The host and the network do not follow the step, so the step swing is exactly N x (compute - communication)
    /// GPU power: 100,000 x (700 - 280) W = 42 MW. docs/sources.md C4.5 sketches ~52 MW with the server overhead
    /// swinging too (400 W x 1.3); both are "tens of megawatts" (Llama 3, §3.3.4).
    /// </summary>
    [Fact]
    public void Step_swing_of_100k_H100_is_gpu_count_times_the_phase_difference()
    {
        var power = ClusterPower.Compute(H100Cluster(100_000), 1.2, new StepPhases(0.6, 0.4, 0));
        var swing = PowerSwing.Compute(power, Run(Duration.FromDays(30)), Watts.FromMegawatts(5), H100.PowerTransition);
        Assert.Equal(100_000 * (700 - 280), swing.StepSwing.Value, 1e-6);
        Assert.InRange(swing.StepSwing.Megawatts, 10, 100);
        Assert.Equal(swing.StepSwing.Value / 0.2, swing.RampWattsPerSecond!.Value, 1e-6);
        Assert.Equal(0.5, swing.FrequencyHz, 12);
    }

    /// <summary>
    /// Llama 3 (arXiv 2407.21783 §3.3.4) reports swings "on the order of tens of megawatts" when a 24k-H100 job starts,
    /// stops or waits on checkpoints. The modelled job-end drop of a 24k H100 cluster must be in that order: 10-100 MW.
    /// </summary>
    [Fact]
    public void Job_end_drop_of_24k_H100_is_tens_of_megawatts()
    {
        var power = ClusterPower.Compute(H100Cluster(24_000), 1.2, new StepPhases(0.57, 0.43, 0));
        var swing = PowerSwing.Compute(power, Run(Duration.FromDays(30)), Watts.FromMegawatts(5), H100.PowerTransition);
        Assert.InRange(swing.Events.Single(e => e.Name == "Job end").Drop.Megawatts, 10, 100);
    }

    /// <summary>
    /// Battery energy for a drop dP lasting d while the grid ramps down at L: dP d - L d^2 / 2 until d = dP / L, then
    /// dP^2 / (2 L). Numbers by hand: dP = 30 MW, L = 5 MW/min; dP/L = 360 s.
    /// </summary>
    [Fact]
    public void Battery_energy_follows_the_ramp_limited_closed_form()
    {
        var flat = new PowerProfile
        {
            Components =
            [
                new PowerComponent("test", 1, Watts.FromMegawatts(100), Watts.FromMegawatts(100), Watts.FromMegawatts(100), Watts.FromMegawatts(70), Watts.FromMegawatts(70)),
            ],
            Pue = 1.2, Phases = new StepPhases(1, 0, 0), Notes = [],
        };
        double l = 5e6 / 60;
        var shortDip = new RunProfile(new StepPhases(1, 0, 0), Duration.FromSeconds(2), Duration.FromDays(1), 0.9, Duration.FromMinutes(5), Duration.FromSeconds(10), Duration.FromMinutes(20));
        var swing = PowerSwing.Compute(flat, shortDip, Watts.FromMegawatts(5), null);
        var checkpoint = swing.Events.Single(e => e.Name == "Checkpoint pause");
        var restart = swing.Events.Single(e => e.Name == "Failure and restart");
        Assert.Equal(30e6 * 10 - l * 100 / 2, checkpoint.BatteryEnergy.Value, 1e-3);
        Assert.Equal(30e6 * 30e6 / (2 * l), restart.BatteryEnergy.Value, 1e-3);
        Assert.Equal(30e6, swing.BatteryPower.Value, 1e-6);
        Assert.Null(swing.RampWattsPerSecond);
    }

    [Fact]
    public void Trace_starts_and_ends_idle_and_visits_every_phase()
    {
        var power = ClusterPower.Compute(H100Cluster(1024), 1.2, new StepPhases(0.6, 0.4, 0));
        var trace = PowerTrace.Build(power, Run(Duration.FromDays(1)), H100.PowerTransition, Watts.FromMegawatts(5));
        Assert.Equal("idle", trace[0].Phase);
        Assert.Equal("idle", trace[^1].Phase);
        foreach (var phase in new[] { "compute", "communication", "checkpoint", "restart" }) Assert.Contains(trace, p => p.Phase == phase);
        for (int i = 1; i < trace.Count; i++) Assert.True(trace[i].Seconds >= trace[i - 1].Seconds);
        Assert.Equal(power.It(PowerState.Compute).Value, trace.Max(p => p.It.Value), 1e-6);
    }
}
