using Kolosseum.Planning;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Cli.Serve;

/// <summary>
/// How the what-if page plans: the one place that decides it. A full plan (the scenario's 1,000 Monte-Carlo
/// trials per option and the what-if table) takes seconds; the page asks for an answer while the user moves a
/// control, so it plans with <see cref="Trials"/> trials and no what-if table, and says so on the page. A
/// faster planner (a per-sample plan) replaces <see cref="Run"/> here and nowhere else.
/// </summary>
internal static class PagePlanner
{
    /// <summary>Trials per option for the page; docs/serve.md gives the time it takes and how much the answer moves with the seed.</summary>
    public const int Trials = 200;

    /// <summary>The options a page plan runs with; a request may ask for other trials, what-if or seed (the API's users).</summary>
    public static PlanOptions Options(PlanRequest request, IProgress<PlanProgress>? progress, CancellationToken cancellation) => new()
    {
        Trials = request.Trials ?? Trials,
        WhatIf = request.WhatIf ?? false,
        Seed = request.Seed,
        Progress = progress,
        Cancellation = cancellation,
    };

    public static Plan Run(Scenario scenario, PlanOptions options) => Planner.Run(scenario, options);

    /// <summary>
    /// The uncertain inputs sampled jointly, as <c>kolosseum plan</c> does by default: the scenario's samples over the
    /// plan just made (milliseconds next to the plan), so the page shows the same spreads, win chances and ties.
    /// </summary>
    public static Uncertainty.UncertainPlan? Sample(Plan plan, PlanOptions options) =>
        plan.Options.Count == 0 ? null
            : Uncertainty.UncertainPlanner.Run(plan, plan.Scenario.Sections.Get<Uncertainty.UncertaintySettings>(), new Uncertainty.UncertaintyOptions { Threads = options.Threads });

    /// <summary>The sentence the page shows about how it planned.</summary>
    public static string Basis(PlanOptions options, Scenario scenario)
    {
        int asked = scenario.Sections.Get<Reliability.ReliabilitySettings>().Profile.Trials;
        string trials = options.Trials is { } t && t != asked
            ? $"{t.Inv()} Monte-Carlo trials per option (the scenario asks for {asked.Inv()})"
            : $"{asked.Inv()} Monte-Carlo trials per option";
        int samples = scenario.Sections.Get<Uncertainty.UncertaintySettings>().Samples;
        return trials + (options.WhatIf ? ", with the reliability what-if table" : ", without the reliability what-if table")
            + $"; spreads from {samples.Inv()} joint samples of the uncertain inputs; kolosseum plan gives the full answer.";
    }
}
