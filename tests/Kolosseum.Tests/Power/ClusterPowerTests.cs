using CsCheck;
using Kolosseum.Power;
using Kolosseum.Units;
using static Kolosseum.Tests.Power.PowerFixture;

namespace Kolosseum.Tests.Power;

public class ClusterPowerTests
{
    /// <summary>
    /// SemiAnalysis (100,000 H100 Clusters, 2024) puts a 100k H100 cluster at "~150MW" of critical IT and derives
    /// 700 W + ~575 W per GPU, plus ~10% for the rest, i.e. ~140 MW (docs/sources.md C1.1): the published range is
    /// 140-150 MW. Here the figure is rolled up from the catalog node (10.2 kW nameplate, 8 GPUs), CPUs, memory and
    /// the sizing rule's non-server share. Tolerance: the published range widened by 3% either way, because the
    /// source itself writes "~150" and "~10%".
    /// </summary>
    [Fact]
    public void It_capacity_of_100k_H100_lands_in_the_published_range()
    {
        var power = ClusterPower.Compute(H100Cluster(100_000), 1.2, new StepPhases(0.6, 0.4, 0));
        Assert.InRange(power.ItCapacity.Megawatts, 140 * 0.97, 150 * 1.03);
    }

    /// <summary>
    /// The same check with a network built part by part instead of the share: a non-blocking 3-tier fat tree of
    /// 64-port switches in the proportions of docs/sources.md C8 (leaves N/32, spines N/32, cores N/64, i.e. the
    /// QM9700 rule) drawing "up to 1,500 W" each with multimode optics (§1.5), and per GPU one 400G node-side
    /// transceiver at 8 W plus 2.5 twin-port 800G switch-side transceivers at 15 W (NVIDIA LinkX, §6); storage from
    /// the sizing rule. The 10% share is not used: the total still lands in the 140-150 MW range (3% tolerance).
    /// </summary>
    [Fact]
    public void It_capacity_with_a_part_by_part_network_lands_in_the_published_range()
    {
        const long n = 100_000;
        long switches = n / 32 + n / 32 + n / 64;
        var network = NetworkLoad.FromDesign(
        [
            new NetworkLine("Switches (64-port, 3 tiers)", switches, new Watts(1500) * switches, null),
            new NetworkLine("Node-side 400G transceivers", n, new Watts(8) * n, null),
            new NetworkLine("Switch-side 800G twin-port transceivers", n * 5 / 2, new Watts(15) * (n * 5 / 2), null),
        ], n, "test: fat-tree counts from docs/sources.md C8");
        var power = ClusterPower.Compute(H100Cluster(n, network), 1.2, new StepPhases(0.6, 0.4, 0));
        Assert.InRange(power.ItCapacity.Megawatts, 140 * 0.97, 150 * 1.03);
        Assert.Contains(power.Components, c => c.Name.StartsWith("Storage", StringComparison.Ordinal));
        Assert.DoesNotContain(power.Components, c => c.Name.Contains("approximation", StringComparison.Ordinal));
    }

    /// <summary>
    /// One HGX H100 node by hand: GPUs 8 x 700 W in compute, 8 x 280 W communicating; the host draws the measured
    /// 8.4 kW peak less 8 x 700 W = 2.8 kW under load in both phases; the approximation adds 10% of the 10.2 kW nameplate.
    /// </summary>
    [Fact]
    public void One_node_matches_a_hand_calculation()
    {
        var power = ClusterPower.Compute(H100Cluster(8), 1.3, new StepPhases(0.5, 0.5, 0));
        Assert.Equal(10_200 * 1.1, power.ItCapacity.Value, 6);
        Assert.Equal(5600 + 2800 + 1020, power.It(PowerState.Compute).Value, 6);
        Assert.Equal(2240 + 2800 + 1020, power.It(PowerState.Communication).Value, 6);
        Assert.Equal((9420 + 6060) / 2.0, power.ItStepAverage.Value, 6);
        Assert.Equal(power.It(PowerState.Compute).Value * 1.3, power.Facility(PowerState.Compute).Value, 6);
    }

    [Fact]
    public void Components_add_up_to_the_node_nameplate()
    {
        var inv = H100Cluster(800);
        var power = ClusterPower.Compute(inv, 1.2, new StepPhases(0.6, 0.4, 0));
        double servers = power.Components.Where(c => !c.Name.Contains("approximation", StringComparison.Ordinal)).Sum(c => c.Nameplate.Value);
        Assert.Equal(inv.Nodes * HgxH100.PowerMax.Value, servers, 6);
    }

    /// <summary>
    /// Epoch AI takes the average draw of a GPU during training as 0.75 of TDP (docs/sources.md E3.3). The
    /// stand-in step (compute share = MFU 40% / matmul efficiency 70%, the rest at 40% of TDP) is built without that
    /// figure; it must land within 10% of it (the tolerance covers Epoch's rounding and run-to-run spread).
    /// </summary>
    [Fact]
    public void Stand_in_average_gpu_draw_is_near_epochs_three_quarters_of_tdp()
    {
        var a = Embedded.Get<RunAssumptions>("llama3-405b-h100");
        var phases = StepPhases.FromMfu(a.Mfu, H100.Efficiency.Matmul);
        var power = ClusterPower.Compute(H100Cluster(8), 1.2, phases);
        var gpus = power.Components.Single(c => c.Name == "GPUs");
        double average = gpus.Compute.Value * phases.Compute + gpus.Communication.Value * phases.Communication;
        Assert.InRange(average / (8 * H100.Tdp.Value), 0.75 * 0.9, 0.75 * 1.1);
    }

    [Fact]
    public void Power_scales_linearly_with_whole_nodes_when_the_network_is_approximated()
    {
        Gen.Int[1, 2000].Select(Gen.Int[2, 50]).Sample((nodes, k) =>
        {
            var phases = new StepPhases(0.6, 0.4, 0);
            var one = ClusterPower.Compute(H100Cluster(nodes * 8L), 1.2, phases);
            var many = ClusterPower.Compute(H100Cluster(nodes * 8L * k), 1.2, phases);
            foreach (var state in Enum.GetValues<PowerState>())
                Assert.Equal(one.It(state).Value * k, many.It(state).Value, 1e-6 * many.It(state).Value);
        });
    }

    [Fact]
    public void Facility_power_never_falls_when_gpus_or_pue_grow()
    {
        Gen.Long[1, 200_000].Select(Gen.Long[0, 50_000], Gen.Double[1.0, 2.0], Gen.Double[0, 0.5]).Sample((gpus, more, pue, morePue) =>
        {
            var phases = new StepPhases(0.6, 0.4, 0);
            var a = ClusterPower.Compute(H100Cluster(gpus), pue, phases);
            var b = ClusterPower.Compute(H100Cluster(gpus + more), pue, phases);
            var c = ClusterPower.Compute(H100Cluster(gpus), pue + morePue, phases);
            Assert.True(b.FacilityCapacity >= a.FacilityCapacity);
            Assert.True(b.Facility(PowerState.Compute) >= a.Facility(PowerState.Compute));
            Assert.True(c.FacilityCapacity >= a.FacilityCapacity);
        });
    }

    [Fact]
    public void States_are_ordered_nameplate_compute_communication_stalled_idle()
    {
        var power = ClusterPower.Compute(H100Cluster(100_000), 1.2, new StepPhases(0.6, 0.4, 0));
        Assert.True(power.ItCapacity >= power.It(PowerState.Compute));
        Assert.True(power.It(PowerState.Compute) > power.It(PowerState.Communication));
        Assert.True(power.It(PowerState.Communication) >= power.It(PowerState.Stalled));
        Assert.True(power.It(PowerState.Stalled) >= power.It(PowerState.Idle));
    }

    [Fact]
    public void Storage_units_cover_the_per_node_read_bandwidth()
    {
        var inv = H100Cluster(100_000);
        double needed = inv.Nodes * inv.Sizing.StorageReadPerNode.Value;
        Assert.True(inv.StorageUnits * inv.Storage.ReadBandwidth.Value >= needed);
        Assert.True((inv.StorageUnits - 1) * inv.Storage.ReadBandwidth.Value < needed);
    }
}
