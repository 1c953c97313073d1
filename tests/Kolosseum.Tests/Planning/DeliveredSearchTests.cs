using Kolosseum.Planning;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Units;

using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>The plan's layout choice by expected days with failures, not by failure-free step time.</summary>
public class DeliveredSearchTests
{
    private const string Yaml = """
        name: delivered time
        model: llama3.1-8b
        training:
          tokens: 30B
          global_batch: 2048
          seq_len: 8192
          precision: bf16
        options:
          - name: Rent 2,048 H100
            gpu: H100-SXM-80GB
            gpus: 2048
            node: hgx-h100
            ownership: rented
            rental:
              price_per_gpu_hour: 2.5 USD/h
            buildout:
              preset: rent
        reliability:
          trials: 200
        """;

    private static Scenario Load(double failureScale, double restartScale)
    {
        var scenario = TestScenarios.Parse(Yaml, "delivered.yaml");
        var rel = scenario.Sections.Get<ReliabilitySettings>();
        return scenario with { Sections = scenario.Sections.With(rel with { FailureRateScale = failureScale, RestartScale = restartScale }) };
    }

    private static readonly PlanOptions Options = new() { Seed = 3, Trials = 200, WhatIf = false };

    [Fact]
    public void A_smaller_job_that_finishes_sooner_with_failures_is_the_one_the_plan_picks()
    {
        // A fleet failing 50 times as often as Llama 3's and recovering in an hour: on all 2,048 GPUs the job fails every
        // half hour and spends most of its time recovering; on fewer GPUs each step is slower but the job fails less.
        var scenario = Load(50, 10);
        var plan = Planner.Run(scenario, Options);
        var option = Assert.Single(plan.Options);
        var fastest = option.Search!.Best[0];
        Assert.True(option.Step.Gpus < fastest.Gpus, $"picked {option.Step.Gpus} GPUs, the fastest failure-free layout holds {fastest.Gpus}");
        Assert.True(option.Step.StepTime.Seconds > fastest.Estimate.StepTime, "the pick is slower per step");

        // The exact simulation agrees: the fastest failure-free layout, simulated with the same inputs and seed, takes longer.
        var rel = scenario.Sections.Get<ReliabilitySettings>();
        var job = ReliabilityJob.ForCluster(option.Option.Node, fastest.Gpus, new Duration(fastest.TrainSeconds),
            ReliabilityJob.CheckpointSizeOf(scenario.Model, rel.Profile), rel.Profile, new Duration(fastest.Estimate.StepTime), switches: option.Fabric!.Backend.Switches);
        var fastestSimulated = ReliabilitySimulator.Run(ReliabilityInputs.Build(job, rel, scenario.Catalog),
            SimulationOptions.From(rel) with { Seed = 3, Trials = 200, TimelineTrial = -1 });
        Assert.True(option.Reliability.Days.Mean < fastestSimulated.Days.Mean,
            $"{option.Reliability.Days.Mean:0.###} days on {option.Step.Gpus} GPUs against {fastestSimulated.Days.Mean:0.###} on {fastest.Gpus}");
        // And the ranking shown says why: the pick's expected days with failures are the fewest.
        Assert.Equal(option.Step.Gpus, option.Delivered[0].Candidate.Gpus);
        Assert.All(option.Delivered, d => Assert.True(d.Days >= option.Delivered[0].Days * (1 - 1e-12) || d.Days <= option.Delivered[0].Days * (1 + 0.02)));
    }

    [Fact]
    public void Without_failures_the_fastest_failure_free_layout_wins()
    {
        var plan = Planner.Run(Load(1e-9, 1), Options);
        var option = Assert.Single(plan.Options);
        Assert.Equal(option.Search!.Best[0].Layout, option.Step.Layout);
    }

    [Fact]
    public void Ranking_by_cost_takes_the_fewest_gpu_hours_among_layouts_about_as_soon()
    {
        var scenario = Load(1, 1);
        var search = scenario.Sections.Get<SearchSettings>();
        var plan = Planner.Run(scenario with { Sections = scenario.Sections.With(search with { DaysSlack = 0.5 }) }, Options with { RankBy = RankBy.Cost });
        var option = Assert.Single(plan.Options);
        Assert.Equal(RankBy.Cost, option.RankBy);
        // Among the layouts simulated exactly and within 50 % of the soonest, the pick holds the fewest GPU-hours.
        var simulated = option.Delivered.Where(d => d.SimulatedDays is not null).ToList();
        double soonest = simulated.Min(d => d.SimulatedDays!.Value);
        double picked = option.Step.Gpus * option.Reliability.Days.Mean;
        Assert.Contains(simulated, d => d.Candidate.Gpus == option.Step.Gpus && d.Candidate.Layout.Layout == option.Step.Layout);
        Assert.All(simulated.Where(d => d.SimulatedDays <= soonest * 1.5), d => Assert.True(picked <= d.Candidate.Gpus * d.SimulatedDays!.Value * (1 + 1e-12)));
    }
}
