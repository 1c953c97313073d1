using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Uncertainty;

namespace Kolosseum.Tests.Uncertainty;

public class UncertaintyInputTests
{
    private static string Scenario(string uncertainty) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml")) + "\n" + uncertainty;

    private static (Scenario? Scenario, DiagnosticBag Bag) Load(string uncertainty)
    {
        var bag = new DiagnosticBag();
        return (ScenarioLoader.Parse(Scenario(uncertainty), "u.yaml", bag), bag);
    }

    [Fact]
    public void The_catalog_gives_every_input_a_sourced_range()
    {
        var settings = ScenarioLoader.Default().Sections.Get<UncertaintySettings>();
        Assert.Equal(UncertaintyProfile.DefaultSamples, settings.Samples);
        foreach (var input in UncertainInputs.All)
        {
            var v = settings[input];
            Assert.False(v.IsPoint, input.Key());
            Assert.False(string.IsNullOrWhiteSpace(v.Source), input.Key());
            var (min, max) = input.ValidRange();
            Assert.InRange(v.Low, min, max);
            Assert.InRange(v.High, min, max);
        }
        // Llama 3's rates are one of the failure-rate alternatives, and the neutral value of every multiplier lies inside its range.
        Assert.Contains(((DiscreteValue)settings[UncertainInput.FailureRate]).Choices, c => c.Value == 1);
    }

    [Fact]
    public void A_scenario_replaces_a_range_and_a_number_is_a_point()
    {
        var (s, bag) = Load("""
            uncertainty:
              samples: 64
              inputs:
                failure_rate: {distribution: lognormal, low: 0.8, high: 2.5, source: "our fleet, 2025"}
                pue: 1
            """);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var u = s!.Sections.Get<UncertaintySettings>();
        Assert.Equal(64, u.Samples);
        var ln = Assert.IsType<LognormalValue>(u[UncertainInput.FailureRate]);
        Assert.Equal("our fleet, 2025", ln.Source);
        Assert.True(u[UncertainInput.Pue].IsPoint);
        Assert.IsType<TriangularValue>(u[UncertainInput.Restart]);
    }

    /// <summary>Every broken range is reported at once, each at its own line and column, with the rule it breaks.</summary>
    [Fact]
    public void Bad_ranges_get_located_diagnostics_all_at_once()
    {
        var (s, bag) = Load("""
            uncertainty:
              inputs:
                failure_rate: {low: 2, mode: 1, high: 3, source: "x"}
                restart: {low: 1, high: 0.5, source: "x"}
                pue: {distribution: normal, low: 1, high: 2, source: "x"}
                utilisation: {low: 0.5, mode: 1, high: 500, source: "x"}
                rent_price: {low: 0.8, high: 1.2}
                buildout: 2
                energy_prize: 1
            """);
        Assert.Null(s);
        var errors = bag.Items.Where(d => d.Severity == Severity.Error).ToList();
        Diagnostic At(string field) => Assert.Single(errors, d => d.Field == field);
        Assert.Contains("below low", At("uncertainty.inputs.failure_rate.mode").Rule);
        Assert.Contains("high is below low", At("uncertainty.inputs.restart.high").Rule);
        Assert.Equal(DiagnosticCodes.WrongType, At("uncertainty.inputs.pue.distribution").Code);
        Assert.Equal(DiagnosticCodes.OutOfRange, At("uncertainty.inputs.utilisation.high").Code);
        Assert.Equal(DiagnosticCodes.MissingField, At("uncertainty.inputs.rent_price.source").Code);
        Assert.Equal(DiagnosticCodes.OutOfRange, At("uncertainty.inputs.buildout").Code);
        Assert.Contains("energy_price", At("uncertainty.inputs.energy_prize").Suggestion);
        var lines = Scenario("").Split('\n').Length;
        Assert.Equal(lines + 2, At("uncertainty.inputs.failure_rate.mode").Location.Line);
        Assert.All(errors, d => Assert.Equal("u.yaml", d.Location.File));
    }

    [Fact]
    public void Choices_are_checked_and_ordered_by_value()
    {
        var (s, bag) = Load("""
            uncertainty:
              inputs:
                failure_rate:
                  source: "x"
                  choices:
                    - {name: b, value: 2, weight: 1}
                    - {name: a, value: 1, weight: 3}
            """);
        Assert.False(bag.HasErrors);
        var d = Assert.IsType<DiscreteValue>(s!.Sections.Get<UncertaintySettings>()[UncertainInput.FailureRate]);
        Assert.Equal(["a", "b"], d.Choices.Select(c => c.Name));
        Assert.Equal(1, d.Median);

        var (bad, bag2) = Load("""
            uncertainty:
              inputs:
                failure_rate:
                  source: "x"
                  choices:
                    - {name: a, value: 1, weight: 0}
                    - {name: a, value: 2}
            """);
        Assert.Null(bad);
        Assert.Contains(bag2.Items, x => x.Field.EndsWith("choices[0].weight", StringComparison.Ordinal) && x.Code == DiagnosticCodes.OutOfRange);
        Assert.Contains(bag2.Items, x => x.Field.EndsWith("choices[1].name", StringComparison.Ordinal) && x.Code == DiagnosticCodes.DuplicateKey);
    }
}
