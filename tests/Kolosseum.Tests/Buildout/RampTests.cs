using CsCheck;
using Kolosseum.Buildout;
using Kolosseum.Units;

namespace Kolosseum.Tests.Buildout;

public class RampTests
{
    private static readonly CountRate TenThousandGpusPerWeek = CountRate.GpusPerWeek(10_000);
    private static readonly CountRate TwoThousandServersPerWeek = CountRate.ServersPerWeek(2_000);

    /// <summary>
    /// Deliveries from week 4 at 10,000 GPUs/week, installation from week 9 at 2,000 servers/week
    /// (16,000 GPUs/week), burn-in 3 d, acceptance 1 d, 100,000 GPUs = 12,500 servers:
    /// the crews catch up with deliveries, so full capacity comes at max(4 + 10, 9 + 6.25) weeks + 4 d,
    /// and the first 25,000 GPUs (3,125 servers) at max(4 + 2.5, 9 + 1.5625) weeks + 4 d.
    /// </summary>
    [Fact]
    public void Deterministic_ramp_matches_the_hand_computed_fluid_queue()
    {
        var model = DeterministicRamp(deliveryWeeks: 4, installWeeks: 9, gpus: 100_000, first: 25_000);
        var r = Models.Run(model);
        Assert.Equal(15.25 * 7 + 4, r.FullCapacity.SinceStart.P50.Days, 9);
        Assert.Equal(10.5625 * 7 + 4, r.FirstTraining.SinceStart.P50.Days, 9);
        // Week 12 = day 84; minus the 4-day lag is day 80: installed = min(10,000/7 × 52 GPUs, 2,000/7 × 17 servers)
        // = min(74,286 GPUs, 4,857.1 servers) -> 4,857 whole servers = 38,856 GPUs.
        Assert.Equal((38_856L, 38_856L, 38_856L), r.CapacityAt(Duration.FromWeeks(12)));
        Assert.Equal(38_856, r.Weekly[12].P50);
        var stages = r.RampStages.ToDictionary(s => s.Name);
        Assert.Equal(70, stages["server deliveries"].Duration.P50.Days, 9);          // 100k / 10k per week
        Assert.Equal(43.75, stages["installation and cabling"].Duration.P50.Days, 9); // 12,500 / 2,000 per week
        Assert.Equal(1.0, stages["installation and cabling"].Criticality);
    }

    [Fact]
    public void Without_a_ramp_all_capacity_arrives_when_the_last_phase_finishes()
    {
        var r = Models.Run(Models.Model([Models.Phase("lead_time", 42)], gpus: 24_000, first: 1_000), trials: 10);
        Assert.Equal(42, r.FirstTraining.SinceStart.P50.Days, 9);
        Assert.Equal(42, r.FullCapacity.SinceStart.P90.Days, 9);
        Assert.Equal((0L, 0L, 0L), r.CapacityAt(Duration.FromDays(41.9)));
        Assert.Equal((24_000L, 24_000L, 24_000L), r.CapacityAt(Duration.FromDays(42)));
        Assert.Empty(r.RampStages);
    }

    /// <summary>
    /// The closed form (installed = min of two lines) against a step-by-step integration of the queue
    /// (deliveries pile up, crews take what is there up to their rate), for random starts and rates,
    /// including crews ready before the first server and crews faster than deliveries.
    /// </summary>
    [Fact]
    public void Closed_form_capacity_agrees_with_integrating_the_queue_step_by_step()
    {
        var gen = Gen.Select(Gen.Double[0, 20], Gen.Double[0, 20], Gen.Double[500, 20_000], Gen.Double[100, 3_000], Gen.Double[0, 40]);
        gen.Sample((d0, s, deliveryPerWeek, installPerWeek, weekAt) =>
        {
            var model = Models.Model(
                [Models.Phase("order", d0 * 7), Models.Phase("site", s * 7)],
                Models.Ramp(["order"], ["site"], CountRate.GpusPerWeek(deliveryPerWeek), CountRate.ServersPerWeek(installPerWeek), burnInDays: 0),
                gpus: 80_000);
            var r = Models.Run(model);

            double dt = 0.001, delivered = 0, installed = 0, servers = 10_000;
            for (double t = 0; t < weekAt; t += dt)
            {
                if (t >= d0) delivered = Math.Min(servers, delivered + deliveryPerWeek / 8 * dt);
                if (t >= s) installed += Math.Min(installPerWeek * dt, delivered - installed);
            }
            double closedForm = r.CapacityAt(Duration.FromWeeks(weekAt)).P50;
            // The integration lags the exact answer by at most one step of each rate.
            double tolerance = (deliveryPerWeek + installPerWeek * 8) * dt + 8;
            Assert.InRange(closedForm, installed * 8 - tolerance, installed * 8 + tolerance);
        }, iter: 150, threads: 1);
    }

    [Fact]
    public void More_gpus_never_finish_earlier_at_equal_rates()
    {
        var gen = Gen.Select(Gen.Long[1, 200_000], Gen.Long[1, 200_000], Gen.Int[0, 2]);
        string[] presets = ["fast-track", "hyperscale", "retrofit"];
        gen.Sample((a, b, which) =>
        {
            long small = Math.Min(a, b), large = Math.Max(a, b);
            var rs = Models.Run(Models.Preset(presets[which], small), trials: 300, seed: 9);
            var rl = Models.Run(Models.Preset(presets[which], large), trials: 300, seed: 9);
            Assert.True(rl.FullCapacity.SinceStart.P10 >= rs.FullCapacity.SinceStart.P10);
            Assert.True(rl.FullCapacity.SinceStart.P50 >= rs.FullCapacity.SinceStart.P50);
            Assert.True(rl.FullCapacity.SinceStart.P90 >= rs.FullCapacity.SinceStart.P90);
            // Reaching the smaller count takes the larger cluster no longer: the same servers arrive first.
            Assert.Equal(rs.FullCapacity.SinceStart, rl.TimeToReach(small).SinceStart);
        }, iter: 25, threads: 1);
    }

    [Fact]
    public void A_100k_build_takes_longer_than_a_24k_build_because_the_ramp_is_a_rate()
    {
        var r24 = Models.Run(Models.Preset("hyperscale", 24_000), trials: 2000);
        var r100 = Models.Run(Models.Preset("hyperscale", 100_000), trials: 2000);
        var ramp24 = r24.RampStages.Single(s => s.Name == "installation and cabling").Duration.P50;
        var ramp100 = r100.RampStages.Single(s => s.Name == "installation and cabling").Duration.P50;
        // Same draws, 100/24 times the servers: installation takes 100/24 times as long.
        Assert.Equal(100.0 / 24, ramp100 / ramp24, 6);
        Assert.True(r100.FullCapacity.SinceStart.P50 > r24.FullCapacity.SinceStart.P50);
    }

    [Fact]
    public void Capacity_bands_are_ordered_and_never_fall()
    {
        var r = Models.Run(Models.Preset("fast-track", 100_000), trials: 3000);
        CapacityWeek? previous = null;
        foreach (var w in r.Weekly)
        {
            Assert.True(w.P10 <= w.P50 && w.P50 <= w.P90, $"week {w.Week}");
            Assert.InRange(w.P90, 0, 100_000);
            if (previous is not null)
                Assert.True(w.P10 >= previous.P10 && w.P50 >= previous.P50 && w.P90 >= previous.P90, $"week {w.Week}");
            previous = w;
        }
        Assert.Equal(100_000, r.Weekly[^1].P10);
        Assert.Equal(0, r.Weekly[0].P90);
        // The first-training block is online no later than the whole cluster.
        Assert.True(r.FirstTraining.SinceStart.P50 <= r.FullCapacity.SinceStart.P50);
    }

    private static Kolosseum.Buildout.BuildoutModel DeterministicRamp(double deliveryWeeks, double installWeeks, long gpus, long first) =>
        Models.Model(
            [Models.Phase("server_lead_time", deliveryWeeks * 7), Models.Phase("halls", installWeeks * 7)],
            Models.Ramp(["server_lead_time"], ["halls"], TenThousandGpusPerWeek, TwoThousandServersPerWeek, burnInDays: 3, acceptanceDays: 1),
            gpus, first);
}
