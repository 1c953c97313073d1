using Kolosseum.Buildout;
using Kolosseum.Economics;
using Kolosseum.Performance;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>An option's plan, or why it cannot be planned.</summary>
public sealed record OptionOutcome(OptionPlan? Plan, string? Infeasible)
{
    public static OptionOutcome Fail(string reason) => new(null, reason);
}

/// <summary>
/// The cheap part of planning one option, given its <see cref="OptionSetup"/>: reliability, power, cost, build-out
/// and schedule, from the scenario's inputs (which may differ from those the setup was prepared with, e.g. a
/// failure rate or a price drawn from its range; the option's hardware and GPU count must be the setup's).
/// </summary>
public static class OptionEvaluation
{
    public static OptionOutcome Evaluate(OptionSetup setup, Scenario scenario, ulong seed, PlanOptions options)
    {
        var option = scenario.Options[setup.Index];
        if (option.Gpus != setup.Option.Gpus || option.Gpu.Id != setup.Option.Gpu.Id || option.Node.Id != setup.Option.Node.Id)
            throw new ArgumentException($"option '{option.Name}' is not the one the setup was prepared for", nameof(scenario));
        var catalog = scenario.Catalog;
        int index = setup.Index;
        void Report(string stage, double fraction) => options.Progress?.Report(new PlanProgress(option.Name, stage, fraction));
        var fabric = setup.Fabric;

        // Reliability: the whole run with failures, checkpoints, restarts, spares and stragglers, on the layout that
        // delivers it soonest with failures (ranked in closed form, the best few simulated exactly).
        Report("reliability", 0);
        var relSettings = scenario.Sections.Get<ReliabilitySettings>();
        var searchSettings = scenario.Sections.Get<SearchSettings>();
        var checkpoint = ReliabilityJob.CheckpointSizeOf(scenario.Model, relSettings.Profile);
        // The work is the failure-free time to train the tokens at the layout's batch, the batch ramp first when the scenario gives one.
        ReliabilityJob JobFor(long gpus, double workSeconds, Duration stepTime) =>
            ReliabilityJob.ForCluster(option.Node, gpus, new Duration(workSeconds), checkpoint, relSettings.Profile, stepTime,
                switches: fabric.Backend.Switches);
        var sim = SimulationOptions.From(relSettings) with
        {
            Seed = SeedMixer.Mix(seed, index, 1),
            Trials = options.Trials ?? relSettings.Profile.Trials,
            Threads = options.Threads,
            TimelineTrial = 0,
            Cancellation = options.Cancellation,
            Progress = options.Progress is null ? null : (done, all) => Report("reliability", (double)done / all),
        };
        var choice = ChooseDelivered(setup, options.RankBy ?? searchSettings.RankBy, searchSettings, sim,
            c => ReliabilityInputs.Build(JobFor(c.Gpus, c.Layout.TrainSeconds, new Duration(c.Layout.Estimate.StepTime)), relSettings, catalog));
        var step = setup.Step;
        var training = setup.Training;
        var best = setup.BestLayouts;
        ReliabilityInputs inputs;
        ReliabilityResult rel;
        if (choice is { } chosen)
        {
            var c = chosen.Candidate.Candidate;
            bool same = c.Model.Training.GlobalBatch == setup.Training.GlobalBatch && c.Layout.Layout == setup.Step.Layout;
            step = same ? setup.Step : StepReport.From(c.Model, c.Layout.Layout, c.Layout.Estimate);
            training = c.Model.Training;
            best = same ? setup.BestLayouts : [step, .. setup.BestLayouts.Where(b => b.Layout != step.Layout).Take(Math.Max(0, searchSettings.Top - 1))];
            inputs = chosen.Candidate.Inputs;
            rel = chosen.Result;
        }
        else
        {
            double givenWork = step.Steps * step.StepTime.Seconds;
            if (training.BatchSchedule.Count > 0)
            {
                if (BatchSchedule.Seconds(setup.Model, step.Layout) is not { } scheduled)
                    return OptionOutcome.Fail($"the given layout ({step.Layout}) cannot run every batch of training.batch_schedule: dp × micro_batch must divide each scheduled batch");
                givenWork = scheduled;
            }
            inputs = ReliabilityInputs.Build(JobFor(step.Gpus, givenWork, step.StepTime), relSettings, catalog);
            rel = ReliabilitySimulator.Run(inputs, sim);
        }
        var job = inputs.Job;
        var work = job.Work!.Value;
        if (rel.Infeasible is not null) return OptionOutcome.Fail(rel.Infeasible);
        if (rel.Finished == 0) return OptionOutcome.Fail("no simulated run finished: failures outpace checkpoints at this size");
        if (rel.Days.P90 > MaxRunDays)
            return OptionOutcome.Fail($"the run would take {UnitFormat.Number(rel.Days.P90 / 365.25)} years with failures (P90), beyond the {Planner.MaxRunYears} years a plan is dated in");
        WhatIfTable? whatIf = null;
        if (options.WhatIf)
        {
            Report("what-if", 0);
            whatIf = WhatIfAnalysis.Run(job, relSettings, catalog, sim with { Trials = Math.Min(sim.Trials, Planner.WhatIfTrials), TimelineTrial = -1, Progress = null });
        }

        // Power and cost of the run as simulated.
        Report("power and cost", 0);
        var power = scenario.Sections.Get<PowerSettings>();
        var economics = scenario.Sections.Get<EconomicsSettings>();
        var inventory = ClusterInventory.ForOption(option, power, catalog, FabricLoad.From(fabric));
        // Under a site cap the plan powers, runs and prices the GPUs the site can power; the rest stay dark.
        if (setup.SiteCapped) inventory = inventory.WithGpus(setup.PoweredGpus);
        double computeSeconds = step.Time.Where(p => p.Name is "compute" or "recompute").Sum(p => p.Value);
        var phases = StepPhases.FromTimes(new Duration(computeSeconds), new Duration(step.StepTime.Seconds - computeSeconds));
        var run = new RunProfile(phases, step.StepTime, work, Math.Clamp(rel.Goodput.Mean, 1e-6, 1), inputs.Interval.Value,
            inputs.Checkpoint.Blocking, inputs.Restart.Total);
        var powerReport = PowerModel.Evaluate(inventory, power, run, economics.Utilisation, economics.Capex.BatteryPerKilowattHour, trainingGpus: step.Gpus);
        var rental = option.Sections.TryGet<RentalChoice>(out var rc) ? rc : new RentalChoice();
        var rent = rental.Resolve(option.Name, option.Gpu.Id, economics, catalog);
        // A rented run pays a price whose term covers it, or the whole commitment (docs/economics.md, "Rental term").
        var term = option.Ownership == Ownership.Rented && rental.ResolveEntry(option.Gpu.Id, economics) is { } entry
            ? RentalTerm.ForRun(entry, run.WallClock, catalog) : null;
        var costInputs = new CostInputs
        {
            Name = option.Name, Ownership = option.Ownership, Inventory = inventory, Run = run, Power = power, Economics = economics,
            RentPrice = rent?.Price, RunRentPrice = term?.Price, RentBilledAtLeast = term?.BilledAtLeast,
        };
        var cost = CostModel.Evaluate(costInputs);
        var tornado = Tornado.Run(costInputs, economics.Sensitivity, c => c.RunCost);

        // Build-out: when the capacity is online, and so when training starts and ends.
        Report("build-out", 0);
        var buildoutSettings = option.Sections.Get<BuildoutSettings>();
        var buildout = BuildoutSimulator.Run(buildoutSettings.Model!, new BuildoutRunOptions
        {
            Seed = SeedMixer.Mix(seed, index, 2),
            Trials = Math.Min(options.Trials ?? BuildoutRunOptions.DefaultTrials, BuildoutRunOptions.MaxTrials),
            MaxDegreeOfParallelism = options.Threads ?? -1,
        }, cancellation: options.Cancellation);
        if (buildout.FullCapacity.Date.P90.DayNumber - buildoutSettings.Model!.Start.DayNumber > MaxRunDays)
            return OptionOutcome.Fail($"the build-out would take more than {Planner.MaxRunYears} years (P90 full capacity {BuildoutFormat.Date(buildout.FullCapacity.Date.P90)})");
        var schedule = ScheduleBuilder.Build(buildout, setup.Scaling, rel, training.Tokens);
        Report("done", 1);

        return new OptionOutcome(new OptionPlan
        {
            Option = option, Training = training, Network = setup.Network, Fabric = fabric, Search = setup.Search, Step = step,
            BestLayouts = best, ValidatedBest = setup.ValidatedBest, ValidatedSearched = setup.ValidatedSearched, Delivered = choice?.Ranking ?? [], BatchDays = choice?.Batch, RankBy = options.RankBy ?? searchSettings.RankBy, Scaling = setup.Scaling, Reliability = rel, WhatIf = whatIf, Power = powerReport,
            Site = option.Ownership == Ownership.Owned ? powerReport.Site : null, PoweredGpus = setup.PoweredGpus, RentBasis = term?.Basis, Cost = cost,
            CostInputs = costInputs, Tornado = tornado, Buildout = buildout, Schedule = schedule,
        }, null);
    }

    private sealed record DeliveredChoice(DeliveredCandidate Candidate, ReliabilityResult Result, IReadOnlyList<DeliveredCandidate> Ranking)
    {
        public BatchDays? Batch { get; init; }
    }

    /// <summary>The chosen layout's batch beside the scenario's, each with its expected days (closed form) and tokens.</summary>
    private static BatchDays BatchDaysOf(DeliveredCandidate chosen, IReadOnlyList<DeliveredCandidate> ranking)
    {
        var t = chosen.Candidate.Model.Training;
        var atReference = ranking.FirstOrDefault(d => d.Candidate.Model.Training.GlobalBatch == t.Reference);
        return new BatchDays(t.GlobalBatch, t.Tokens, chosen.Days, t.Reference, t.ScenarioTokens, atReference?.Days, atReference?.Candidate.Layout.Layout);
    }

    /// <summary>Layouts shown with their delivered days (the ranking's head).</summary>
    public const int RankingShown = 10;

    /// <summary>
    /// Ranks the setup's candidates by expected days with failures (closed form), simulates the best
    /// <see cref="SearchSettings.SimulateTop"/> exactly with common random numbers (the same seed), and picks by the
    /// simulated days under the same order. Null when the option gave its own layout.
    /// </summary>
    private static DeliveredChoice? ChooseDelivered(OptionSetup setup, RankBy key, SearchSettings search, SimulationOptions sim,
        Func<LayoutCandidate, ReliabilityInputs> inputsOf)
    {
        if (setup.Candidates.Count == 0) return null;
        var ranking = DeliveredRanking.Rank(setup.Candidates, inputsOf, key, search.DaysSlack);
        var simulated = new List<(DeliveredCandidate Candidate, ReliabilityResult Result)>();
        (DeliveredCandidate, ReliabilityResult)? firstFailure = null;
        for (int i = 0; i < ranking.Count && simulated.Count < search.SimulateTop; i++)
        {
            var result = ReliabilitySimulator.Run(ranking[i].Inputs, sim);
            if (result.Infeasible is not null || result.Finished == 0)
            {
                firstFailure ??= (ranking[i], result);
                continue;
            }
            ranking[i] = ranking[i] with { SimulatedDays = result.Days.Mean };
            simulated.Add((ranking[i], result));
        }
        var shown = ranking.Take(RankingShown).ToList();
        // The fastest failure-free layout stays in view, so that the answer can say what choosing it would cost.
        if (ranking.FirstOrDefault(d => d.Candidate.Model.Training.GlobalBatch == setup.Training.GlobalBatch && d.Candidate.Layout.Layout == setup.Step.Layout) is { } fastest && !shown.Contains(fastest))
            shown.Add(fastest);
        if (simulated.Count == 0)
            return firstFailure is { } f ? new DeliveredChoice(f.Item1, f.Item2, shown) { Batch = BatchDaysOf(f.Item1, ranking) } : null;
        double soonest = simulated.Min(x => x.Candidate.SimulatedDays!.Value) * 86400;
        var pick = simulated.OrderBy(x => x.Candidate, Comparer<DeliveredCandidate>.Create((a, b) =>
            DeliveredRanking.Compare(a, b, key, soonest, search.DaysSlack, simulated: true))).First();
        return new DeliveredChoice(pick.Candidate, pick.Result, shown) { Batch = BatchDaysOf(pick.Candidate, ranking) };
    }

    private const double MaxRunDays = Planner.MaxRunYears * 365.25;
}
