using Kolosseum.Economics;
using Kolosseum.Planning;
using Kolosseum.Scenarios;

using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>A rented run is priced at a price whose term covers it, or pays the whole commitment, and the plan says which.</summary>
public class RentalTermTests
{
    private static Scenario Parse(string price)
    {
        string yaml = $$"""
            name: rental term
            model: llama3.1-8b
            training:
              tokens: 15T
              global_batch: 512
              seq_len: 8192
              precision: bf16
            options:
              - name: Rent 512 H100
                gpu: H100-SXM-80GB
                gpus: 512
                node: hgx-h100
                ownership: rented
                rental:
                  price: {{price}}
                buildout:
                  preset: rent
            """;
        return TestScenarios.Parse(yaml, "rent.yaml");
    }

    private static readonly PlanOptions Options = new() { Seed = 9, Trials = 100, WhatIf = false };

    [Fact]
    public void A_rented_44_day_run_is_not_priced_at_a_one_year_contract_rate_without_the_commitment()
    {
        var scenario = Parse("oblivus-h100-1y-2024");
        var o = Assert.Single(Planner.Run(scenario, Options).Options);
        var yearly = scenario.Catalog.Get<RentalPrice>("oblivus-h100-1y-2024");
        double overhead = 1 + scenario.Sections.Get<EconomicsSettings>().RentalOverhead;
        var wall = o.Cost.WallClock;
        Assert.InRange(wall.Days, 20, 200);
        // The 1-year rate for the run's hours alone is what the run may not be priced at.
        double atContractRate = yearly.PricePerGpuHour.UsdPerHour * overhead * wall.Hours * o.Option.Gpus;
        Assert.True(Math.Abs(o.Cost.RunCost.Value / atContractRate - 1) > 1e-4, $"{o.Cost.RunCost}: the 1-year rate for {wall.Days:0.#} days");
        // It pays the cheaper of the whole year and an hourly-billed price of the catalog, and says which.
        double wholeYear = yearly.PricePerGpuHour.UsdPerHour * overhead * 8766 * o.Option.Gpus;
        Assert.True(o.Cost.RunCost.Value <= wholeYear * 1.0001);
        Assert.NotNull(o.RentBasis);
        Assert.Contains("does not cover its 1-year term", o.RentBasis, StringComparison.Ordinal);
        var hourly = scenario.Catalog.All<RentalPrice>().Where(p => p.GpuId == yearly.GpuId && RentalTerm.Minimum(p.Commitment) is null).ToList();
        Assert.True(o.RentBasis!.Contains("pays the whole commitment", StringComparison.Ordinal)
            || hourly.Any(p => Math.Abs(p.PricePerGpuHour.UsdPerHour * overhead * wall.Hours * o.Option.Gpus - o.Cost.RunCost.Value) < 1));
        // The horizon (five years of renting) is covered by the contract and keeps its rate.
        Assert.Equal(yearly.PricePerGpuHour.UsdPerHour * overhead, o.Cost.RentEffective!.Value.UsdPerHour, 9);
    }

    [Fact]
    public void An_on_demand_price_prices_the_run_as_it_is()
    {
        var scenario = Parse("lambda-h100-sxm-2024-09");
        var o = Assert.Single(Planner.Run(scenario, Options).Options);
        double overhead = 1 + scenario.Sections.Get<EconomicsSettings>().RentalOverhead;
        Assert.Null(o.RentBasis);
        Assert.Equal(2.99 * overhead * o.Cost.WallClock.Hours * 512, o.Cost.RunCost.Value, 3);
    }

    [Fact]
    public void A_run_longer_than_the_term_keeps_the_contract_rate()
    {
        var price = new RentalPrice
        {
            Id = "t", Provider = "p", Sku = "s", GpuId = "H100-SXM-80GB", Commitment = Commitment.OneYear,
            PricePerGpuHour = HourlyRate.FromUsdPerHour(2), Observed = "2024-06",
        };
        Assert.Null(RentalTerm.ForRun(price, Kolosseum.Units.Duration.FromDays(400), Kolosseum.Catalog.Catalog.Embedded));
        Assert.NotNull(RentalTerm.ForRun(price, Kolosseum.Units.Duration.FromDays(44), Kolosseum.Catalog.Catalog.Embedded));
    }
}
