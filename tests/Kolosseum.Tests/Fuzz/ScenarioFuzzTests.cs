using System.Diagnostics;
using Xunit.Abstractions;

namespace Kolosseum.Tests.Fuzz;

/// <summary>
/// Mutated scenario files through the CLI (docs/hardening.md). Every mutant goes through one of the
/// cheap scenario commands, rotating: <c>cost</c>, <c>buildout</c> and <c>reliability</c> each load and
/// check the whole file (every section, catalog overrides, layout rules, the build-out graph), so an
/// invalid mutant exercises exactly what <c>plan</c> would, and a valid one then runs the fabric, power
/// and cost models, the build-out or the failure simulation on the mutated values in milliseconds.
/// The mutants that loaded then run the whole <c>plan</c> (layout searches, simulations, schedule,
/// comparison, JSON): the first 40 of them in the default run, all of them (and <c>search</c>) in the long one.
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

    [Fact]
    public void Thousands_of_mutated_scenarios_end_with_0_1_or_2_and_no_stack_trace()
    {
        var summary = Run(seed: 20240710, inputs: 2400, plans: 40, searches: 0);
        Assert.True(summary.Count("plan") == 40, "expected 40 full plans of mutants that loaded");
        Assert.Empty(summary.Failures);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Ten_thousand_mutated_scenarios_end_with_0_1_or_2_and_no_stack_trace()
    {
        var summary = Run(seed: 7, inputs: 12_000, plans: int.MaxValue, searches: int.MaxValue);
        Assert.Empty(summary.Failures);
    }

    private FuzzSummary Run(int seed, int inputs, int plans, int searches)
    {
        var watch = Stopwatch.StartNew();
        var mutator = new ScenarioMutator(FuzzHarness.Seeds(), seed);
        var mutants = Enumerable.Range(0, inputs).Select(_ => mutator.Next()).ToList();
        var summary = new FuzzSummary();
        // Above the longest work a limit allows (a reliability run at its 1e9-interruption budget: about 80 s on 2 cores).
        using var harness = new FuzzHarness(TimeSpan.FromSeconds(180));

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
        foreach (var mutant in valid.Take(plans))
            summary.Add(slowHarness.Run(mutant, PlanCommand));
        foreach (var mutant in valid.Take(searches))
            summary.Add(slowHarness.Run(mutant, SearchCommand));

        output.WriteLine(summary.Describe(inputs, watch.Elapsed));
        return summary;
    }
}
