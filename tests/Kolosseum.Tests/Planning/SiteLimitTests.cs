using System.Globalization;
using Kolosseum.Planning;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;

using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>A site power limit is a constraint: the plan never trains (or powers) more GPUs than the site can power.</summary>
public class SiteLimitTests
{
    private static readonly PlanOptions Options = new() { Seed = 5, Trials = 100, WhatIf = false };

    private static string Small(string limit) => $$"""
        name: site limit
        model: llama3.1-8b
        training:
          tokens: 100B
          global_batch: 2048
          seq_len: 8192
          precision: bf16
        options:
          - name: Build 2,048 H100
            gpu: H100-SXM-80GB
            gpus: 2048
            node: hgx-h100
            ownership: owned
            buildout:
              preset: fast-track
        power:
          site_limit: {{limit}}
        """;

    private static Scenario Parse(string yaml) => TestScenarios.Parse(yaml, "site.yaml");

    [Theory]
    [InlineData("0.8 MW")]
    [InlineData("1.5 MW")]
    [InlineData("2.9 MW")]
    [InlineData("100 MW")]
    public void The_plan_never_trains_more_gpus_than_the_site_limit_powers(string limit)
    {
        var scenario = Parse(Small(limit));
        var plan = Planner.Run(scenario, Options);
        var o = Assert.Single(plan.Options);
        var power = scenario.Sections.Get<PowerSettings>();
        var watts = power.SiteLimit!.Value;
        // The largest cluster of this kind the site can power at nameplate, found independently of the plan.
        var full = ClusterInventory.ForOption(o.Option, power, scenario.Catalog, FabricLoad.From(o.Fabric!));
        long largest = SiteFit.Check(full, power.Pue, StepPhases.FromTimes(Duration.FromSeconds(1), Duration.Zero), watts).LargestGpus;
        Assert.True(o.Step.Gpus <= Math.Min(largest, o.Option.Gpus), $"trains {o.Step.Gpus} GPUs, the site powers {largest}");
        Assert.True(o.Power.Profile.FacilityCapacity <= watts, $"provisions {o.Power.Profile.FacilityCapacity} against a limit of {watts}");
        Assert.Equal(largest < o.Option.Gpus, o.SiteCapped);
        if (o.SiteCapped)
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"which powers {o.PoweredGpus:N0} of its 2,048 GPUs"), plan.Answer, StringComparison.Ordinal);
    }

    [Fact]
    public void A_site_that_powers_not_one_node_makes_the_option_infeasible_and_says_so()
    {
        var plan = Planner.Run(Parse(Small("5 kW")), Options);
        Assert.Empty(plan.Options);
        Assert.StartsWith("infeasible at the site limit", Assert.Single(plan.Infeasible).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_power_swing_counts_the_gpus_that_train_not_the_spares()
    {
        // The same option planned with more hot spares trains fewer GPUs; its swing shrinks with them, the nameplate does not.
        var scenario = Parse(Small("100 MW"));
        var rel = scenario.Sections.Get<Kolosseum.Reliability.ReliabilitySettings>();
        var spared = scenario with { Sections = scenario.Sections.With(rel with { Profile = rel.Profile with { Spares = 0.5 } }) };
        var a = Assert.Single(Planner.Run(scenario, Options).Options);
        var b = Assert.Single(Planner.Run(spared, Options).Options);
        Assert.True(b.Step.Gpus < a.Step.Gpus);
        Assert.Equal(a.ItMw, b.ItMw, 9);
        double perGpuA = a.SwingMw / a.Step.Gpus, perGpuB = b.SwingMw / b.Step.Gpus;
        Assert.True(b.SwingMw < a.SwingMw);
        // Swing per training GPU depends on the layout's phases only, so it stays within the step's compute share difference.
        Assert.InRange(perGpuB / perGpuA, 0.5, 2);
    }
}
