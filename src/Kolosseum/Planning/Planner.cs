using Kolosseum.Reliability;
using Kolosseum.Scenarios;

namespace Kolosseum.Planning;

/// <summary>
/// Ties every model together for each cluster option of a scenario (docs/plan.md): the option's setup
/// (<see cref="OptionSetup"/>: fabric → layout, given or searched) then its evaluation (<see cref="OptionEvaluation"/>:
/// reliability simulation → power → cost → build-out and schedule); then the comparison and the answer.
/// Pure: same scenario and seed, same plan, whatever the thread count.
/// </summary>
public static class Planner
{
    public static Plan Run(Scenario scenario, PlanOptions? options = null)
    {
        options ??= new PlanOptions();
        var reliability = scenario.Sections.Get<ReliabilitySettings>();
        ulong seed = options.Seed ?? reliability.Profile.Seed;
        var plans = new List<OptionPlan>();
        var infeasible = new List<InfeasibleOption>();
        long searchBudget = LayoutChoice.MaxPlanCandidates;
        for (int i = 0; i < scenario.Options.Count; i++)
        {
            var prepared = OptionSetup.Prepare(scenario, scenario.Options[i], i, options, ref searchBudget);
            var result = prepared.Setup is { } setup ? OptionEvaluation.Evaluate(setup, scenario, seed, options) : OptionOutcome.Fail(prepared.Infeasible!);
            if (result.Plan is not null) plans.Add(result.Plan);
            else infeasible.Add(new InfeasibleOption(scenario.Options[i], result.Infeasible!));
        }
        return new Plan
        {
            Scenario = scenario,
            Seed = seed,
            Trials = options.Trials,
            Options = plans,
            Infeasible = infeasible,
            Comparison = Comparison.Build(plans),
            Answer = AnswerWriter.Write(plans, infeasible),
        };
    }

    /// <summary>
    /// The horizon a plan is dated in: a run or a build-out longer than a century answers no planning question,
    /// and the calendar (9999-12-31) would not hold its dates.
    /// </summary>
    public const int MaxRunYears = 100;

    /// <summary>Trials per what-if variant: enough for the mean ETTR to a fraction of a percent at large scale.</summary>
    public const int WhatIfTrials = 200;
}
