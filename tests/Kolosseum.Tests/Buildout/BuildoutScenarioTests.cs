using Kolosseum.Buildout;
using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Buildout;

/// <summary>The <c>buildout:</c> section of a cluster option: defaults, overrides and located diagnostics.</summary>
public class BuildoutScenarioTests
{
    private const string File = "test.yaml";

    /// <summary>A scenario whose one option has the given build-out lines (indented under the option); line 13 is the first of them.</summary>
    private static string Scenario(string buildout, string ownership = "owned", string catalog = "") => catalog + $"""
        name: build-out test
        model: llama3.1-8b
        training:
          tokens: 1T
          global_batch: 512
          seq_len: 8192
          precision: bf16
        options:
          - name: Cluster
            gpu: H100-SXM-80GB
            gpus: 100000
            ownership: {ownership}

        """ + buildout;

    private static (Scenario? Scenario, DiagnosticBag Bag) Load(string text)
    {
        var bag = new DiagnosticBag();
        return (ScenarioLoader.Parse(text, File, bag), bag);
    }

    private static BuildoutSettings Settings(string text)
    {
        var (s, bag) = Load(text);
        Assert.True(s is not null, string.Join("\n", bag.Items.Select(d => d.Format())));
        return s!.Options[0].Sections.Get<BuildoutSettings>();
    }

    [Fact]
    public void Without_a_section_an_owned_option_gets_the_default_preset_and_date_echoed_as_defaults()
    {
        var settings = Settings(Scenario(""));
        Assert.Equal("hyperscale", settings.Preset);
        Assert.True(settings.PresetIsDefault);
        Assert.Equal(new DateOnly(2024, 7, 10), settings.Start);
        Assert.True(settings.StartIsDefault);
        Assert.Equal(100_000, settings.Model!.Gpus);
        Assert.Equal(24_576, settings.Model.FirstTrainingGpus);
    }

    [Fact]
    public void A_rented_option_gets_the_rent_preset_and_its_lead_time_can_be_set()
    {
        var settings = Settings(Scenario("""
                buildout:
                  lead_time: {min: 2 weeks, mode: 3 weeks, max: 6 weeks}
            """, ownership: "rented"));
        Assert.Equal("rent", settings.Preset);
        var lead = settings.Model!.Phases.Single(p => p.Name == "lead_time").Duration;
        Assert.Equal(21, lead.Mode.Days, 9);
        Assert.Equal($"scenario {File}", settings.Model.Phases.Single().Source);
    }

    [Fact]
    public void Preset_start_first_block_and_ramp_fields_are_read()
    {
        var settings = Settings(Scenario("""
                buildout:
                  preset: fast-track
                  start: 2024-05-03
                  first_training_gpus: 32k
                  ramp:
                    install_rate: 1000 servers/week
            """));
        var m = settings.Model!;
        Assert.Equal("fast-track", m.Preset);
        Assert.Equal(new DateOnly(2024, 5, 3), m.Start);
        Assert.False(settings.StartIsDefault);
        Assert.Equal(32_000, m.FirstTrainingGpus);
        Assert.Equal(1000, m.Ramp!.InstallRate.Mode.PerWeek, 6);
        // Fields not overridden keep the preset's values and sources.
        var preset = Kolosseum.Catalog.Catalog.Embedded.Get<BuildoutPreset>("fast-track");
        Assert.Equal(preset.Ramp!.DeliveryRate, m.Ramp.DeliveryRate);
        Assert.Equal(preset.Ramp.BurnInSource, m.Ramp.BurnInSource);
    }

    [Fact]
    public void Custom_phases_replace_the_preset_and_the_scenario_catalog_can_override_a_preset()
    {
        var custom = Settings(Scenario("""
                buildout:
                  phases:
                    site: {duration: 2 weeks}
                    halls: {duration: {min: 10 weeks, mode: 12 weeks, max: 20 weeks}, after: [site]}
                    order: {duration: 8 weeks}
                  ramp:
                    deliveries_after: [order]
                    install_after: [halls]
                    delivery_rate: 20k GPUs/week
                    install_rate: 3000 servers/week
                    burn_in: 72 h
            """));
        Assert.Equal(BuildoutSettings.CustomPreset, custom.Preset);
        Assert.Equal(["site", "halls", "order"], custom.Model!.Phases.Select(p => p.Name));

        var overridden = Settings(Scenario("    buildout: {preset: fast-track}\n", catalog: """
            catalog:
              buildout:
                - id: fast-track
                  phases:
                    building_conversion: {duration: 20 weeks, after: [site_selection], source: "our contractor's quote"}

            """));
        var conversion = overridden.Model!.Phases.Single(p => p.Name == "building_conversion");
        Assert.Equal(140, conversion.Duration.Max.Days, 9);
        Assert.Equal("our contractor's quote", conversion.Source);
    }

    [Fact]
    public void A_cycle_is_reported_where_it_closes_with_the_whole_loop()
    {
        var (s, bag) = Load(Scenario("""
                buildout:
                  phases:
                    a: {duration: 1 week, after: [c]}
                    b: {duration: 1 week, after: [a]}
                    c: {duration: 1 week, after: [b]}
            """));
        Assert.Null(s);
        var d = Assert.Single(bag.Items, d => d.Rule.Contains("cycle", StringComparison.Ordinal));
        Assert.Equal(DiagnosticCodes.Inconsistent, d.Code);
        Assert.Contains("a → c → b → a", d.Rule, StringComparison.Ordinal);
        Assert.Equal(File, d.Location.File);
        Assert.InRange(d.Location.Line, 16, 18);
        Assert.StartsWith("options[0].buildout.phases.", d.Field, StringComparison.Ordinal);
        Assert.NotNull(d.Suggestion);
    }

    [Fact]
    public void Every_problem_in_a_bad_phase_graph_is_reported_at_once_where_it_was_written()
    {
        var (s, bag) = Load(Scenario("""
                buildout:
                  preset: fast-trak
                  phases:
                    site: {duration: {min: 4 weeks, mode: 2 weeks, max: 1 week}}
                    power: {duration: NaN weeks, after: [sit]}
                    halls: {duration: -3 weeks, after: [halls]}
                    order: {duration: 12}
                    extra: {duration: 1 week, tail: {probability: 150 %, alpha: 1, max_factor: 3}}
            """));
        Assert.Null(s);
        var items = bag.Items;
        void Has(string code, string field, int line, string? suggestion = null)
        {
            var d = items.FirstOrDefault(d => d.Code == code && d.Field == field);
            Assert.True(d is not null, $"no {code} at {field}; got:\n" + string.Join("\n", items.Select(x => x.Format())));
            Assert.Equal(line, d!.Location.Line);
            if (suggestion is not null) Assert.Contains(suggestion, d.Suggestion ?? "", StringComparison.Ordinal);
        }
        Has(DiagnosticCodes.UnknownId, "options[0].buildout.preset", 14, "did you mean 'fast-track'?");
        Has(DiagnosticCodes.Inconsistent, "options[0].buildout.phases.site.duration.mode", 16, "min ≤ mode ≤ max");
        Has(DiagnosticCodes.Inconsistent, "options[0].buildout.phases.site.duration.max", 16);
        Has(DiagnosticCodes.NotFinite, "options[0].buildout.phases.power.duration", 17);
        Has(DiagnosticCodes.OutOfRange, "options[0].buildout.phases.halls.duration", 18);
        Has(DiagnosticCodes.MissingUnit, "options[0].buildout.phases.order.duration", 19);
        Has(DiagnosticCodes.OutOfRange, "options[0].buildout.phases.extra.tail.probability", 20);
    }

    [Fact]
    public void Graph_rules_unknown_names_self_waits_and_idle_phases_are_diagnostics()
    {
        var (s, bag) = Load(Scenario("""
                buildout:
                  phases:
                    site: {duration: 1 week}
                    power: {duration: 2 weeks, after: [sit]}
                    halls: {duration: 3 weeks, after: [halls]}
                    order: {duration: 12 weeks}
                    orphan: {duration: 1 week}
                  ramp:
                    deliveries_after: [order]
                    install_after: [power, hall]
                    delivery_rate: 20k GPUs/week
                    install_rate: 3000 racks/week
                    burn_in: 72 h
            """));
        Assert.Null(s);
        var items = bag.Items;
        Assert.Contains(items, d => d.Code == DiagnosticCodes.UnknownId && d.Value == "sit" && d.Suggestion == "did you mean 'site'?");
        Assert.Contains(items, d => d.Code == DiagnosticCodes.Inconsistent && d.Value == "halls" && d.Rule.Contains("itself", StringComparison.Ordinal));
        Assert.Contains(items, d => d.Code == DiagnosticCodes.UnknownUnit && d.Field == "options[0].buildout.ramp.install_rate" && d.Value == "3000 racks/week");
        // With the unit fixed, the remaining graph problems surface: the ramp's unknown name and the idle phase.
        var (_, bag2) = Load(Scenario("""
                buildout:
                  phases:
                    site: {duration: 1 week}
                    order: {duration: 12 weeks}
                    orphan: {duration: 1 week}
                  ramp:
                    deliveries_after: [order]
                    install_after: [site, hall]
                    delivery_rate: 20k GPUs/week
                    install_rate: 3000 servers/week
                    burn_in: 72 h
            """));
        Assert.Contains(bag2.Items, d => d.Code == DiagnosticCodes.UnknownId && d.Field == "options[0].buildout.ramp.install_after" && d.Value == "hall");
        Assert.Contains(bag2.Items, d => d.Code == DiagnosticCodes.Inconsistent && d.Field == "options[0].buildout.phases.orphan" && d.Rule.Contains("gates nothing", StringComparison.Ordinal));
    }

    [Fact]
    public void Option_rules_ownership_lead_time_block_size_and_dates_are_diagnostics()
    {
        var (_, bag) = Load(Scenario("""
                buildout:
                  preset: rent
                  lead_time: 2 weeks
                  first_training_gpus: 200k
                  start: 2024-02-30
                  stat: 2024-01-01
            """));
        var items = bag.Items;
        Assert.Contains(items, d => d.Code == DiagnosticCodes.Inconsistent && d.Field == "options[0].buildout.preset" && (d.Suggestion ?? "").Contains("fast-track", StringComparison.Ordinal));
        Assert.Contains(items, d => d.Code == DiagnosticCodes.WrongType && d.Field == "options[0].buildout.start" && d.Value == "2024-02-30");
        Assert.Contains(items, d => d.Code == DiagnosticCodes.UnknownKey && d.Field == "options[0].buildout.stat" && d.Suggestion == "did you mean 'start'?");

        var (_, owned) = Load(Scenario("""
                buildout:
                  lead_time: 2 weeks
            """));
        Assert.Contains(owned.Items, d => d.Field == "options[0].buildout.lead_time" && d.Rule.Contains("rented", StringComparison.Ordinal));

        var (_, block) = Load(Scenario("""
                buildout:
                  first_training_gpus: 200k
            """));
        Assert.Contains(block.Items, d => d.Code == DiagnosticCodes.OutOfRange && d.Field == "options[0].buildout.first_training_gpus");
    }

    [Fact]
    public void The_default_scenario_rents_now_and_builds_fast_track()
    {
        var s = ScenarioLoader.Default();
        var rent = s.Options.Single(o => o.Ownership == Ownership.Rented).Sections.Get<BuildoutSettings>();
        var build = s.Options.Single(o => o.Ownership == Ownership.Owned).Sections.Get<BuildoutSettings>();
        Assert.Equal("rent", rent.Preset);
        Assert.Equal("fast-track", build.Preset);
        Assert.Equal(24_000, rent.Model!.Gpus);
        Assert.Equal(100_000, build.Model!.Gpus);
        Assert.Equal(rent.Start, build.Start);
    }
}
