using Kolosseum.Diagnostics;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Tests.Reliability;

public class ReliabilitySettingsTests
{
    private const string Base = """
        name: test
        model: llama3.1-405b
        training:
          tokens: 1T
          global_batch: 2048
          precision: bf16
        options:
          - name: a
            gpu: H100-SXM-80GB
            gpus: 16384
            ownership: owned
        """;

    private static (Scenario? Scenario, DiagnosticBag Bag) Load(string extra)
    {
        var bag = new DiagnosticBag();
        return (ScenarioLoader.Parse(Base + "\n" + extra, "test.yaml", bag), bag);
    }

    [Fact]
    public void Without_a_section_every_knob_is_the_catalog_default_and_says_so()
    {
        var (s, bag) = Load("");
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var settings = s!.Sections.Get<ReliabilitySettings>();
        var profile = Kolosseum.Catalog.Catalog.Embedded.Get<ReliabilityProfile>("default");
        Assert.Equal(profile, settings.Profile);
        Assert.All(settings.Echo().Skip(1), e => Assert.Equal("catalog reliability/default", e.Origin));
        Assert.Contains(settings.Echo(), e => e.Key == "checkpoint_interval" && e.Value == "auto");
    }

    [Fact]
    public void Scenario_values_replace_the_defaults_and_are_echoed_as_such()
    {
        var (s, bag) = Load("""
            reliability:
              failure_rates: rsc1
              checkpoint_interval: 30 min
              checkpoint_mode: in_memory
              storage: meta-tectonic-server
              storage_units: 7500
              spares: 8 %
              when_spares_run_out: shrink
              stragglers: false
              distribution: weibull
              trials: 50
              seed: 9
            """);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var p = s!.Sections.Get<ReliabilitySettings>().Profile;
        Assert.Equal(["rsc1"], p.FailureRates);
        Assert.Equal(1800, p.CheckpointInterval!.Value.Seconds);
        Assert.Equal(CheckpointMode.InMemory, p.CheckpointMode);
        Assert.Equal(7500, p.StorageUnits);
        Assert.Equal(0.08, p.Spares, 12);
        Assert.Equal(SparePolicy.Shrink, p.WhenSparesRunOut);
        Assert.False(p.Stragglers);
        Assert.Equal(FailureDistribution.Weibull, p.Distribution);
        Assert.Equal(50, p.Trials);
        Assert.Equal(9UL, p.Seed);
        var echo = s.Sections.Get<ReliabilitySettings>().Echo();
        Assert.Equal("scenario", echo.Single(e => e.Key == "spares").Origin);
        Assert.Equal("catalog reliability/default", echo.Single(e => e.Key == "weibull_shape").Origin);
    }

    [Fact]
    public void Bad_values_are_all_reported_at_once_with_field_value_and_suggestion()
    {
        var (s, bag) = Load("""
            reliability:
              failure_rates: [llama4]
              checkpoint_interval: NaN min
              checkpoint_mode: asyn
              storage: ddn-ai400
              spares: -5 %
              trials: 0
              spare: 5 %
            """);
        Assert.Null(s);
        var d = bag.Items;
        Assert.Contains(d, x => x.Code == DiagnosticCodes.UnknownId && x.Field == "reliability.failure_rates" && x.Value == "llama4" && x.Suggestion!.Contains("llama3", StringComparison.Ordinal));
        Assert.Contains(d, x => x.Code == DiagnosticCodes.NotFinite && x.Field == "reliability.checkpoint_interval");
        Assert.Contains(d, x => x.Field == "reliability.checkpoint_mode" && x.Value == "asyn" && x.Suggestion == "did you mean 'async'?");
        Assert.Contains(d, x => x.Code == DiagnosticCodes.UnknownId && x.Field == "reliability.storage" && x.Suggestion!.Contains("ddn-ai400x2", StringComparison.Ordinal));
        Assert.Contains(d, x => x.Code == DiagnosticCodes.OutOfRange && x.Field == "reliability.spares" && x.Value == "-5 %");
        Assert.Contains(d, x => x.Code == DiagnosticCodes.OutOfRange && x.Field == "reliability.trials");
        Assert.Contains(d, x => x.Code == DiagnosticCodes.UnknownKey && x.Field == "reliability.spare" && x.Suggestion == "did you mean 'spares'?");
        Assert.All(d, x => Assert.True(x.Location.Line > 0));
    }

    [Fact]
    public void Catalog_overrides_reach_the_profile_and_the_failure_rates()
    {
        var (s, bag) = Load("""
            catalog:
              reliability:
                - id: default
                  detection: 30 s
              failures:
                - id: llama3-faulty-gpu
                  events: 296
            """);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var settings = s!.Sections.Get<ReliabilitySettings>();
        Assert.Equal(30, settings.Profile.Detection.Seconds);
        var job = ReliabilityJob.ForCluster(s.Options[0].Node, 16384, Duration.FromDays(1), Bytes.FromTB(1), settings.Profile);
        var inputs = ReliabilityInputs.Build(job, settings, s.Catalog);
        // 148 faulty-GPU interruptions became 296: the job's total goes from 419 to 567 per 54 days.
        Assert.Equal(567.0 / (54 * 24), inputs.Failures.UnexpectedPerHour, 9);
    }

    [Fact]
    public void A_broken_catalog_failure_entry_is_located_with_what_is_missing()
    {
        var (s, bag) = Load("""
            catalog:
              failures:
                - id: my-optics
                  rate_set: mine
                  cause: optics
                  component: Optics
                  category: network
                  scale: per_lnk
                  needs_spare: false
                  events: 3
                  window: 10 d
            """);
        Assert.Null(s);
        Assert.Contains(bag.Items, x => x.Field == "failures[my-optics].scale" && x.Suggestion == "did you mean 'per_link'?");
        Assert.Contains(bag.Items, x => x.Code == DiagnosticCodes.MissingField && x.Field == "failures[my-optics].units");
    }

    [Fact]
    public void Echo_and_interval_rules_use_the_invariant_culture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var settings = ReliabilitySettings.Defaults(Kolosseum.Catalog.Catalog.Embedded);
            Assert.Equal("0.75", settings.Echo().Single(e => e.Key == "weibull_shape").Value);
            Assert.Equal("5 %", settings.Echo().Single(e => e.Key == "spares").Value);
            var job = ReliabilityJob.ForCluster(Kolosseum.Catalog.Catalog.Embedded.Get<Kolosseum.Hardware.NodeSpec>("hgx-h100"), 1024, Duration.FromDays(1),
                Bytes.FromTB(1), settings.Profile, stepTime: Duration.FromSeconds(2.5));
            var inputs = ReliabilityInputs.Build(job, settings with { Profile = settings.Profile with { CheckpointInterval = Duration.FromMinutes(7.5) } }, Kolosseum.Catalog.Catalog.Embedded);
            Assert.Equal("as given, rounded up to whole steps (180)", inputs.Interval.Rule);
            Assert.Equal("7.5 min", inputs.Interval.Value.ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
