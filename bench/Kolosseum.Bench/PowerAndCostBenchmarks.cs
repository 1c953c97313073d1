using BenchmarkDotNet.Attributes;
using Kolosseum.Economics;
using Kolosseum.Hardware;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Bench;

/// <summary>
/// The power roll-up, one option's cost and its tornado (17 more evaluations), and the site-fit bisection, for the
/// seed question's owned option (100,000 H100, share-approximated network so the fabric designer is not timed).
/// </summary>
[MemoryDiagnoser]
public class PowerAndCostBenchmarks
{
    private CostInputs _inputs = null!;
    private PowerSettings _power = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalog = Catalog.Catalog.Embedded;
        var node = catalog.Get<NodeSpec>("hgx-h100");
        var gpu = catalog.Get<GpuSpec>(node.GpuId);
        _power = PowerSettings.Defaults(catalog);
        var economics = EconomicsSettings.Defaults(catalog);
        var inventory = ClusterInventory.Build(gpu, node, 100_000, _power.Sizing, catalog.Get<StorageSpec>(_power.Sizing.StorageId), NetworkLoad.Approximate(100_000));
        var run = new RunProfile(new StepPhases(0.57, 0.43, 0), Duration.FromSeconds(2), Duration.FromDays(9), 0.57, Duration.FromMinutes(3), Duration.FromSeconds(10), Duration.FromMinutes(10));
        _inputs = new CostInputs
        {
            Name = "own", Ownership = Ownership.Owned, Inventory = inventory, Run = run, Power = _power, Economics = economics,
            RentPrice = HourlyRate.FromUsdPerHour(3.62),
        };
    }

    [Benchmark]
    public Watts PowerRollUp() => ClusterPower.Compute(_inputs.Inventory, _power.Pue, _inputs.Run.Phases).ItCapacity;

    [Benchmark]
    public Usd OptionCost() => CostModel.Evaluate(_inputs).RunCost;

    [Benchmark]
    public int CostWithTornado() => Tornado.Run(_inputs, _inputs.Economics.Sensitivity, c => c.RunCost).Count;

    [Benchmark]
    public long SiteFit() => Power.SiteFit.Check(_inputs.Inventory, _power.Pue, _inputs.Run.Phases, Watts.FromMegawatts(150)).LargestGpus;
}
