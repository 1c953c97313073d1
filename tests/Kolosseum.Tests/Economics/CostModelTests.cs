using CsCheck;
using Kolosseum.Economics;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Tests.Power;
using static Kolosseum.Tests.Power.PowerFixture;

namespace Kolosseum.Tests.Economics;

public class CostModelTests
{
    private static CostInputs Inputs(long gpus, double days = 30, double rentPerHour = 2.2, Ownership ownership = Ownership.Owned, EconomicsSettings? economics = null) => new()
    {
        Name = "test", Ownership = ownership, Inventory = H100Cluster(gpus), Run = Run(Duration.FromDays(days)),
        Power = Settings, Economics = economics ?? PowerFixture.Economics, RentPrice = HourlyRate.FromUsdPerHour(rentPerHour),
    };

    /// <summary>
    /// docs/sources.md E1.6 (derived): compute + network $4.0-5.5B plus facility $1.1-2.3B, total ~$5.5-7.5B for
    /// 100k H100. The bottom-up estimate from the catalog node price, network share, storage and facility cost per
    /// MW must land in that envelope (its own width is the tolerance).
    /// </summary>
    [Fact]
    public void Capex_of_100k_H100_lands_in_the_published_envelope()
    {
        var c = CostModel.Evaluate(Inputs(100_000));
        Assert.InRange(c.Capex.Total.Billions, 5.5, 7.5);
        Assert.InRange((c.Capex.Total - c.Capex.Facility).Billions, 4.0, 5.5);
        Assert.InRange(c.Capex.Facility.Billions, 1.1, 2.3);
    }

    [Fact]
    public void Rented_run_cost_is_linear_in_gpus_price_and_days()
    {
        Gen.Int[1, 5000].Select(Gen.Double[1, 200], Gen.Double[0.5, 15], Gen.Int[2, 10]).Sample((nodes, days, price, k) =>
        {
            var baseCost = CostModel.Evaluate(Inputs(nodes * 8L, days, price)).RentedRun!.Value.Value;
            Assert.Equal(baseCost * k, CostModel.Evaluate(Inputs(nodes * 8L * k, days, price)).RentedRun!.Value.Value, 1e-9 * baseCost * k);
            Assert.Equal(baseCost * k, CostModel.Evaluate(Inputs(nodes * 8L, days * k, price)).RentedRun!.Value.Value, 1e-9 * baseCost * k);
            Assert.Equal(baseCost * k, CostModel.Evaluate(Inputs(nodes * 8L, days, price * k)).RentedRun!.Value.Value, 1e-9 * baseCost * k);
        }, iter: 30);
    }

    [Fact]
    public void Owned_run_cost_is_linear_in_days_and_capex_in_whole_nodes()
    {
        Gen.Double[1, 200].Select(Gen.Int[2, 10]).Sample((days, k) =>
        {
            var a = CostModel.Evaluate(Inputs(100_000, days));
            var b = CostModel.Evaluate(Inputs(100_000, days * k));
            Assert.Equal(a.OwnedRun.Total.Value * k, b.OwnedRun.Total.Value, 1e-9 * b.OwnedRun.Total.Value);
        }, iter: 30);
        var one = CostModel.Evaluate(Inputs(8000));
        var ten = CostModel.Evaluate(Inputs(80_000));
        foreach (var name in new[] { "Servers", "Network", CapexEstimate.FacilityName })
            Assert.Equal(one.Capex.Lines.Single(l => l.Name == name).Amount.Value * 10, ten.Capex.Lines.Single(l => l.Name == name).Amount.Value, 1e-6);
    }

    [Fact]
    public void Owned_costs_fall_with_utilisation_and_life_and_rise_with_the_cost_of_capital()
    {
        var inputs = Inputs(24_000);
        Gen.Double[0.3, 1].Select(Gen.Double[1, 3]).Sample((low, up) =>
        {
            double lowU = Math.Min(low, 1 / up);
            var a = CostModel.Evaluate(inputs, CostFactors.None with { Utilisation = lowU });
            var b = CostModel.Evaluate(inputs, CostFactors.None with { Utilisation = Math.Min(1, lowU * up) });
            Assert.True(b.OwnedRun.Total <= a.OwnedRun.Total);
            Assert.True(b.OwnedPerUsefulGpuHour <= a.OwnedPerUsefulGpuHour);
            var shortLife = CostModel.Evaluate(inputs, CostFactors.None with { HardwareLife = 1 / up });
            var longLife = CostModel.Evaluate(inputs, CostFactors.None with { HardwareLife = up });
            Assert.True(longLife.OwnedRun.Total <= shortLife.OwnedRun.Total);
            var cheapMoney = CostModel.Evaluate(inputs, CostFactors.None with { CostOfCapital = 1 / up });
            var dearMoney = CostModel.Evaluate(inputs, CostFactors.None with { CostOfCapital = up });
            Assert.True(dearMoney.OwnedRun.Total >= cheapMoney.OwnedRun.Total);
        }, iter: 30);
    }

    /// <summary>At the break-even utilisation, owning costs exactly the rental price (with overhead) per useful GPU-hour.</summary>
    [Fact]
    public void At_break_even_utilisation_owning_costs_what_renting_does()
    {
        Gen.Double[2, 12].Sample(price =>
        {
            var inputs = Inputs(100_000, rentPerHour: price);
            var c = CostModel.Evaluate(inputs);
            if (c.BreakEven!.Utilisation is not { } u) return;
            var atBreakEven = CostModel.Evaluate(inputs, CostFactors.None with { Utilisation = u / inputs.Economics.Utilisation });
            Assert.Equal(c.RentEffective!.Value.UsdPerHour, atBreakEven.OwnedPerUsefulGpuHour.UsdPerHour, 1e-9 * price);
        }, iter: 30);
    }

    [Fact]
    public void Break_even_utilisation_falls_as_rent_rises()
    {
        Gen.Double[1, 10].Select(Gen.Double[0.01, 5]).Sample((p, more) =>
        {
            var a = CostModel.Evaluate(Inputs(100_000, rentPerHour: p)).BreakEven!;
            var b = CostModel.Evaluate(Inputs(100_000, rentPerHour: p + more)).BreakEven!;
            if (a.Utilisation is { } ua) Assert.True(b.Utilisation is { } ub && ub <= ua);
            if (a.Horizon is { } ha) Assert.True(b.Horizon is { } hb && hb <= ha);
        }, iter: 30);
    }

    /// <summary>The owned run splits into its parts, and the owned TCO is the yearly cost times the horizon.</summary>
    [Fact]
    public void Totals_are_the_sums_of_their_parts()
    {
        var c = CostModel.Evaluate(Inputs(100_000));
        Assert.Equal(c.Capex.Lines.Sum(l => l.Amount.Value), c.Capex.Total.Value, 1e-3);
        Assert.Equal((c.FixedTotalPerYear + c.EnergyPerYear).Value * c.Horizon.Years, c.OwnedTcoLevelised.Value, 1e-3);
        Assert.Equal(c.OwnedRun.Capital.Value + c.OwnedRun.Operations.Value + c.OwnedRun.Energy.Value + c.OwnedRun.IdleEnergy.Value, c.OwnedRun.Total.Value, 1e-3);
        Assert.Equal(c.RunEnergy.Cost.Value, c.OwnedRun.Energy.Value, 1e-6);
    }

    [Fact]
    public void A_leased_site_pays_rent_and_no_facility_capex()
    {
        var colo = Settings with { Facility = Embedded.Get<FacilitySpec>("legacy-colo") };
        var c = CostModel.Evaluate(Inputs(8000) with { Power = colo });
        Assert.Equal(0, c.Capex.Facility.Value);
        var rent = c.FixedPerYear.Single(l => l.Name == "Colocation rent");
        var it = ClusterPower.Compute(H100Cluster(8000), colo.Pue, Run(Duration.FromDays(1)).Phases).ItCapacity;
        Assert.Equal(it.Kilowatts * 163.44 * 12, rent.PerYear.Value, 1e-3);
    }

    [Fact]
    public void All_in_price_per_gpu_replaces_bottom_up_servers_and_network()
    {
        var economics = PowerFixture.Economics with { AllInPerGpu = new Usd(50_000) };
        var c = CostModel.Evaluate(Inputs(100_000, economics: economics));
        double serversAndNetwork = c.Capex.Lines.Where(l => l.Name is "Servers" or "Network").Sum(l => l.Amount.Value);
        Assert.Equal(50_000.0 * 100_000, serversAndNetwork, 1e-3);
    }

    [Fact]
    public void Tornado_rows_sort_by_spread_and_bracket_the_base_case()
    {
        var inputs = Inputs(100_000);
        var baseCost = CostModel.Evaluate(inputs).OwnedRun.Total.Value;
        var rows = Tornado.Run(inputs, PowerFixture.Economics.Sensitivity, c => c.OwnedRun.Total);
        for (int i = 1; i < rows.Count; i++) Assert.True(rows[i - 1].Spread >= rows[i].Spread);
        foreach (var r in rows.Where(r => r.Spread.Value > 0))
            Assert.InRange(baseCost, Math.Min(r.AtLow.Value, r.AtHigh.Value) - 1e-6, Math.Max(r.AtLow.Value, r.AtHigh.Value) + 1e-6);
        Assert.Equal(SensitivityInput.RentPrice, rows[^1].Input);
        Assert.Equal(0, rows[^1].Spread.Value);
    }
}
