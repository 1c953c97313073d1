using Kolosseum.Diagnostics;
using Kolosseum.Economics;
using Kolosseum.Tests.Power;

namespace Kolosseum.Tests.Economics;

public class EconomicsSettingsTests
{
    private const string RentedOption = """
        name: test
        model: llama3.1-8b
        training: {tokens: 1T, global_batch: 512, seq_len: 8192, precision: bf16}
        options:
          - name: rent
            gpu: H100-SXM-80GB
            gpus: 1024
            ownership: rented

        """;

    [Fact]
    public void Absent_section_takes_the_catalog_defaults_and_echoes_a_source_for_each()
    {
        var (s, bag) = PowerSettingsTests.Parse("");
        Assert.False(bag.HasErrors);
        var e = s!.Sections.Get<EconomicsSettings>();
        Assert.Equal(e.Capex.BookLife, e.HardwareLife);
        Assert.Equal(e.HardwareLife, e.Horizon);
        Assert.Equal(e.Capex.CostOfCapital, e.CostOfCapital);
        Assert.Equal(e.Opex.Utilisation, e.Utilisation);
        Assert.Equal(EconomicsSettings.DefaultRental, e.Rental.Id);
        Assert.All(e.Assumptions, a => Assert.False(string.IsNullOrWhiteSpace(a.Source), a.Key));
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var (s, bag) = PowerSettingsTests.Parse("""
            economics:
              capex: hyperscale-2042
              hardware_life: 5
              cost_of_capital: 250 %
              utilisation: 0 %
              horizon: -3 y
              rental: aws-p5-on-demand-2032
              all_in_per_gpu: Infinity USD
              utilization: 80 %
            """);
        Assert.Null(s);
        var errors = bag.Items.Where(d => d.Severity == Severity.Error).ToList();
        Assert.Contains(errors, d => d.Field == "economics.capex" && d.Code == DiagnosticCodes.UnknownId && d.Suggestion!.Contains("hyperscale-2024", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Field == "economics.hardware_life" && d.Code == DiagnosticCodes.MissingUnit);
        Assert.Contains(errors, d => d.Field == "economics.cost_of_capital" && d.Code == DiagnosticCodes.OutOfRange);
        Assert.Contains(errors, d => d.Field == "economics.utilisation" && d.Code == DiagnosticCodes.OutOfRange);
        Assert.Contains(errors, d => d.Field == "economics.horizon" && d.Code == DiagnosticCodes.OutOfRange);
        Assert.Contains(errors, d => d.Field == "economics.rental" && d.Code == DiagnosticCodes.UnknownId);
        Assert.Contains(errors, d => d.Field == "economics.all_in_per_gpu" && d.Code == DiagnosticCodes.NotFinite);
        Assert.Contains(errors, d => d.Field == "economics.utilization" && d.Code == DiagnosticCodes.UnknownKey && d.Suggestion!.Contains("utilisation", StringComparison.Ordinal));
    }

    [Fact]
    public void An_option_rents_at_its_catalog_price_or_a_given_one()
    {
        var bag = new DiagnosticBag();
        var s = Kolosseum.Scenarios.ScenarioLoader.Parse(RentedOption.Replace("ownership: rented", "ownership: rented\n    rental: {price: oracle-bm-h100-on-demand-2023}", StringComparison.Ordinal), "t.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var choice = s!.Options[0].Sections.Get<RentalChoice>();
        Assert.Equal(10.0, choice.Catalog!.PricePerGpuHour.UsdPerHour, 9);
        var resolved = choice.Resolve("rent", "H100-SXM-80GB", s.Sections.Get<EconomicsSettings>(), s.Catalog);
        Assert.Equal(10.0, resolved!.Value.Price.UsdPerHour, 9);

        s = Kolosseum.Scenarios.ScenarioLoader.Parse(RentedOption.Replace("ownership: rented", "ownership: rented\n    rental: {price_per_gpu_hour: 3.80 USD/h}", StringComparison.Ordinal), "t.yaml", bag);
        Assert.Equal(3.8, s!.Options[0].Sections.Get<RentalChoice>().Given!.Value.UsdPerHour, 9);
    }

    [Fact]
    public void A_rental_price_for_another_gpu_or_two_prices_at_once_are_errors()
    {
        var bag = new DiagnosticBag();
        var text = RentedOption.Replace("gpu: H100-SXM-80GB", "gpu: H200-SXM-141GB", StringComparison.Ordinal)
            .Replace("ownership: rented", "ownership: rented\n    rental: {price: lambda-h100-sxm-2024-09}", StringComparison.Ordinal);
        Assert.Null(Kolosseum.Scenarios.ScenarioLoader.Parse(text, "t.yaml", bag));
        Assert.Contains(bag.Items, d => d.Code == DiagnosticCodes.Inconsistent && d.Field == "options[0].rental.price");

        bag = new DiagnosticBag();
        text = RentedOption.Replace("ownership: rented", "ownership: rented\n    rental: {price: lambda-h100-sxm-2024-09, price_per_gpu_hour: 2 USD/h}", StringComparison.Ordinal);
        Assert.Null(Kolosseum.Scenarios.ScenarioLoader.Parse(text, "t.yaml", bag));
        Assert.Contains(bag.Items, d => d.Code == DiagnosticCodes.Inconsistent);
    }
}
