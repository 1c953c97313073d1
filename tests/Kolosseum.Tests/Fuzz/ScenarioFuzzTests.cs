using System.Diagnostics;
using Xunit.Abstractions;

namespace Kolosseum.Tests.Fuzz;

/// <summary>
/// Mutated scenario files through the CLI (docs/hardening.md). Every mutant goes through one of the
/// cheap scenario commands, rotating: <c>cost</c>, <c>buildout</c> and <c>reliability</c> each load and
/// check the whole file (every section, catalog overrides, layout rules, the build-out graph), so an
/// invalid mutant exercises exactly what <c>plan</c> would, and a valid one then runs the fabric, power
/// and cost models, the build-out or the failure simulation on the mutated values in milliseconds.
/// A full <c>plan</c> costs seconds (its layout searches), so it runs on a fixed number of the mutants
/// that loaded; the long run gives it far more of them and adds <c>search</c>.
/// </summary>
public class ScenarioFuzzTests(ITestOutputHelper output)
{
    private static readonly string[][] LoadCommands =
    [
        ["cost", "{file}", "--json"],
        ["buildout", "{file}", "--trials", "20", "--json"],
        ["reliability", "{file}", "--trials", "20", "--json"],
    ];

    private static readonly string[] PlanCommand = ["plan", "{file}", "--trials", "2", "--no-what-if", "--json"];
    private static readonly string[] SearchCommand = ["search", "{file}", "--top", "3", "--json"];

    /// <summary>Seeds whose full plan takes about two seconds; the others take up to ten.</summary>
    private static readonly string[] CheapPlanSeeds = ["small-cluster-every-section.yaml", "explicit-layout-and-overrides.yaml"];

    [Fact]
    public void Thousands_of_mutated_scenarios_end_with_0_1_or_2_and_no_stack_trace()
    {
        var summary = Run(seed: 20240710, inputs: 2400, plans: 4, plansFromEverySeed: false, searches: 0);
        Assert.True(summary.Count("plan") == 4, "expected four full plans of loadable mutants");
        Assert.Empty(summary.Failures);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Ten_thousand_mutated_scenarios_end_with_0_1_or_2_and_no_stack_trace()
    {
        var summary = Run(seed: 7, inputs: 12_000, plans: 60, plansFromEverySeed: true, searches: 150);
        Assert.Empty(summary.Failures);
    }

    private FuzzSummary Run(int seed, int inputs, int plans, bool plansFromEverySeed, int searches)
    {
        var watch = Stopwatch.StartNew();
        var mutator = new ScenarioMutator(FuzzHarness.Seeds(), seed);
        var mutants = Enumerable.Range(0, inputs).Select(_ => mutator.Next()).ToList();
        var summary = new FuzzSummary();
        using var harness = new FuzzHarness(TimeSpan.FromSeconds(60));

        var loaded = new List<Mutant>();
        Parallel.ForEach(mutants, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, mutant =>
        {
            var outcome = harness.Run(mutant, LoadCommands[mutant.Index % LoadCommands.Length]);
            summary.Add(outcome);
            if (outcome.Failure is null && outcome.Code is 0 or 1)
                lock (loaded) loaded.Add(mutant);
        });

        // A plan's searches are bounded by its layout budget (5e8 candidates: minutes at worst), not by this timeout.
        using var slowHarness = new FuzzHarness(TimeSpan.FromSeconds(900));
        var valid = loaded.OrderBy(m => m.Index).ToList();
        foreach (var mutant in valid.Where(m => plansFromEverySeed || CheapPlanSeeds.Contains(m.Seed)).Take(plans))
            summary.Add(slowHarness.Run(mutant, PlanCommand));
        foreach (var mutant in valid.Take(searches))
            summary.Add(slowHarness.Run(mutant, SearchCommand));

        output.WriteLine(summary.Describe(inputs, watch.Elapsed));
        return summary;
    }
}
