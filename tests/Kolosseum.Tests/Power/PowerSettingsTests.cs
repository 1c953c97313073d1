using Kolosseum.Diagnostics;
using Kolosseum.Economics;
using Kolosseum.Power;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Power;

public class PowerSettingsTests
{
    internal const string Base = """
        name: test
        model: llama3.1-8b
        training: {tokens: 1T, global_batch: 512, seq_len: 8192, precision: bf16}
        options:
          - name: own
            gpu: H100-SXM-80GB
            gpus: 1024
            ownership: owned

        """;

    internal static (Scenario? Scenario, DiagnosticBag Bag) Parse(string sections)
    {
        var bag = new DiagnosticBag();
        return (ScenarioLoader.Parse(Base + sections, "test.yaml", bag), bag);
    }

    [Fact]
    public void Absent_section_gives_the_documented_defaults_each_with_a_source()
    {
        var (s, bag) = Parse("");
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var p = s!.Sections.Get<PowerSettings>();
        Assert.Equal(PowerSettings.DefaultFacility, p.Facility.Id);
        Assert.Equal(p.Facility.Pue, p.Pue);
        Assert.Null(p.SiteLimit);
        Assert.All(p.Assumptions, a => Assert.False(string.IsNullOrWhiteSpace(a.Source), a.Key));
    }

    [Fact]
    public void Scenario_values_replace_the_defaults()
    {
        var (s, bag) = Parse("power: {facility: retrofit, pue: 1.4, site_limit: 150 MW, electricity_price: 0.05 USD/kWh, carbon: onsite-gas-turbines}\n");
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var p = s!.Sections.Get<PowerSettings>();
        Assert.Equal("retrofit", p.Facility.Id);
        Assert.Equal(1.4, p.Pue);
        Assert.Equal(150e6, p.SiteLimit!.Value.Value, 6);
        Assert.Equal(0.05, p.ElectricityPrice.UsdPerKilowattHour, 9);
        Assert.Equal(743, p.Carbon.GramsPerKilowattHour);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_with_its_location()
    {
        var (s, bag) = Parse("""
            power:
              facility: new-hyperscale-liqiud
              pue: 0.8
              site_limit: 150
              electricity: tn-industrial-2023
              electricity_price: NaN USD/kWh
              carbon_intensity: -5 g/kWh
              grid_ramp_per_minute: 5 MW
              sizzing: superpod-best
            """);
        Assert.Null(s);
        var errors = bag.Items.Where(d => d.Severity == Severity.Error).ToList();
        Assert.Contains(errors, d => d.Code == DiagnosticCodes.UnknownId && d.Field == "power.facility" && d.Suggestion!.Contains("new-hyperscale-liquid", StringComparison.Ordinal));
        Assert.Contains(errors, d => d.Code == DiagnosticCodes.OutOfRange && d.Field == "power.pue");
        Assert.Contains(errors, d => d.Code == DiagnosticCodes.MissingUnit && d.Field == "power.site_limit");
        Assert.Contains(errors, d => d.Code == DiagnosticCodes.NotFinite && d.Field == "power.electricity_price");
        Assert.Contains(errors, d => d.Code == DiagnosticCodes.OutOfRange && d.Field == "power.carbon_intensity");
        Assert.Contains(errors, d => d.Code == DiagnosticCodes.UnknownKey && d.Field == "power.sizzing" && d.Suggestion!.Contains("sizing", StringComparison.Ordinal));
        Assert.All(errors, d => Assert.True(d.Location.HasPosition, d.Format()));
    }

    [Fact]
    public void An_id_and_an_explicit_value_for_the_same_thing_conflict()
    {
        var (s, bag) = Parse("power: {electricity: tn-industrial-2023, electricity_price: 0.06 USD/kWh}\n");
        Assert.Null(s);
        Assert.Contains(bag.Items, d => d.Code == DiagnosticCodes.Inconsistent && d.Field == "power.electricity");
    }

    [Fact]
    public void Catalog_overrides_reach_the_section()
    {
        var (s, bag) = Parse("""
            catalog:
              facilities:
                - {id: my-site, name: Own site, pue: 1.15, cooling: liquid, capex_per_critical_power: 9 USD/W, life: 15 y, grid_ramp_per_minute: 20 MW}
            power: {facility: my-site}
            """);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        Assert.Equal(1.15, s!.Sections.Get<PowerSettings>().Pue);
        Assert.Contains(s.Sections.Get<PowerSettings>().Assumptions, a => a.Key == "power.pue" && a.Source.Contains("test.yaml", StringComparison.Ordinal));
    }
}
