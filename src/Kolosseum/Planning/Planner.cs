using System.Globalization;
using Kolosseum.Buildout;
using Kolosseum.Economics;
using Kolosseum.Fabric;
using Kolosseum.Performance;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>
/// Ties every model together for each cluster option of a scenario (docs/plan.md): fabric → layout
/// (given or searched) → reliability simulation → power → cost → build-out and schedule; then the
/// comparison and the answer. Pure: same scenario and seed, same plan, whatever the thread count.
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
            var result = PlanOption(scenario, scenario.Options[i], i, seed, options, ref searchBudget);
            if (result.Plan is not null) plans.Add(result.Plan);
            else infeasible.Add(new InfeasibleOption(scenario.Options[i], result.Reason!));
        }
        return new Plan
        {
            Scenario = scenario,
            Seed = seed,
            Options = plans,
            Infeasible = infeasible,
            Comparison = Comparison.Build(plans),
            Answer = AnswerWriter.Write(plans, infeasible),
        };
    }

    private sealed record OptionResult(OptionPlan? Plan, string? Reason);

    private static OptionResult PlanOption(Scenario scenario, ClusterOption option, int index, ulong seed, PlanOptions options, ref long searchBudget)
    {
        var catalog = scenario.Catalog;
        void Report(string stage, double fraction) => options.Progress?.Report(new PlanProgress(option.Name, stage, fraction));

        // Fabric: the designed network is what the performance model, power and cost all see.
        Report("fabric", 0);
        var fabricSettings = option.Sections.TryGet<FabricSettings>(out var fs) ? fs : FabricSettings.Defaults(catalog, option.Node.Id, option.Gpu.Id);
        var design = FabricDesigner.Design(catalog, option.Gpu, option.Node, option.Gpus, fabricSettings);
        if (!design.Ok) return new OptionResult(null, string.Create(CultureInfo.InvariantCulture, $"no network fabric carries {option.Gpus:N0} GPUs: {design.Infeasible}"));
        var fabric = design.Design!;
        var network = FabricNetwork.ToClusterNetwork(fabric.Backend, option.Gpu, option.Node, catalog.Get<Fabric.NicSpec>(option.Node.BackendNicId));

        // Layout: the option's own, or the fastest by search; plus the scaling curve.
        Report("layout search", 0);
        var batches = option.Layout is null ? scenario.Training.BatchChoices() : [scenario.Training.GlobalBatch];
        var models = batches.Select(b => new PerformanceModel(scenario.Model, scenario.Training with { GlobalBatch = b }, option.Gpu, network)).ToList();
        var relSettings = scenario.Sections.Get<ReliabilitySettings>();
        long trainable = SpareReservation.TrainableGpus(option.Gpus, option.Node.GpusPerNode, relSettings.Profile.Spares);
        var chosen = LayoutChoice.Choose(models, option, trainable, scenario.Sections.Get<SearchSettings>(), options.Threads, options.Cancellation, ref searchBudget);
        if (chosen.Step is null) return new OptionResult(null, chosen.Infeasible);
        var step = chosen.Step;
        var training = chosen.Model!.Training;
        if (step.TrainTime.Days > MaxRunDays)
            return new OptionResult(null, $"the run would take {UnitFormat.Number(step.TrainTime.Years)} years without a single failure, beyond the {MaxRunYears} years a plan is dated in");

        // Reliability: the whole run with failures, checkpoints, restarts, spares and stragglers.
        Report("reliability", 0);
        var checkpoint = ReliabilityJob.CheckpointSizeOf(scenario.Model, relSettings.Profile);
        var work = new Duration(step.Steps * step.StepTime.Seconds);
        var job = ReliabilityJob.ForCluster(option.Node, step.Gpus, work, checkpoint, relSettings.Profile, step.StepTime,
            links: fabric.Backend.Counts.Nodes * option.Node.BackendNics, switches: fabric.Backend.Switches);
        var inputs = ReliabilityInputs.Build(job, relSettings, catalog);
        var sim = SimulationOptions.From(relSettings) with
        {
            Seed = SeedMixer.Mix(seed, index, 1),
            Trials = options.Trials ?? relSettings.Profile.Trials,
            Threads = options.Threads,
            TimelineTrial = 0,
            Cancellation = options.Cancellation,
            Progress = options.Progress is null ? null : (done, all) => Report("reliability", (double)done / all),
        };
        var rel = ReliabilitySimulator.Run(inputs, sim);
        if (rel.Infeasible is not null) return new OptionResult(null, rel.Infeasible);
        if (rel.Finished == 0) return new OptionResult(null, "no simulated run finished: failures outpace checkpoints at this size");
        if (rel.Days.P90 > MaxRunDays)
            return new OptionResult(null, $"the run would take {UnitFormat.Number(rel.Days.P90 / 365.25)} years with failures (P90), beyond the {MaxRunYears} years a plan is dated in");
        WhatIfTable? whatIf = null;
        if (options.WhatIf)
        {
            Report("what-if", 0);
            whatIf = WhatIfAnalysis.Run(job, relSettings, catalog, sim with { Trials = Math.Min(sim.Trials, WhatIfTrials), TimelineTrial = -1, Progress = null });
        }

        // Power and cost of the run as simulated.
        Report("power and cost", 0);
        var power = scenario.Sections.Get<PowerSettings>();
        var economics = scenario.Sections.Get<EconomicsSettings>();
        var inventory = ClusterInventory.ForOption(option, power, catalog, FabricLoad.From(fabric));
        var phases = StepPhases.FromTimes(new Duration(step.Time.Where(p => p.Name is "compute" or "recompute").Sum(p => p.Value)),
            new Duration(step.StepTime.Seconds - step.Time.Where(p => p.Name is "compute" or "recompute").Sum(p => p.Value)));
        var run = new RunProfile(phases, step.StepTime, work, Math.Clamp(rel.Goodput.Mean, 1e-6, 1), inputs.Interval.Value,
            inputs.Checkpoint.Blocking, inputs.Restart.Total);
        var powerReport = PowerModel.Evaluate(inventory, power, run, economics.Utilisation, economics.Capex.BatteryPerKilowattHour);
        var rent = option.Sections.TryGet<RentalChoice>(out var rc) ? rc.Resolve(option.Name, option.Gpu.Id, economics, catalog) : null;
        var costInputs = new CostInputs
        {
            Name = option.Name, Ownership = option.Ownership, Inventory = inventory, Run = run, Power = power, Economics = economics,
            RentPrice = rent?.Price,
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
            return new OptionResult(null, $"the build-out would take more than {MaxRunYears} years (P90 full capacity {BuildoutFormat.Date(buildout.FullCapacity.Date.P90)})");
        var schedule = ScheduleBuilder.Build(buildout, chosen.Scaling, rel, scenario.Training.Tokens);
        Report("done", 1);

        return new OptionResult(new OptionPlan
        {
            Option = option, Training = training, Network = network, Fabric = fabric, Search = chosen.Search, Step = step, BestLayouts = chosen.Best, Scaling = chosen.Scaling,
            Reliability = rel, WhatIf = whatIf, Power = powerReport, Site = option.Ownership == Ownership.Owned ? powerReport.Site : null, Cost = cost, CostInputs = costInputs, Tornado = tornado,
            Buildout = buildout, Schedule = schedule,
        }, null);
    }

    /// <summary>
    /// The horizon a plan is dated in: a run or a build-out longer than a century answers no planning question,
    /// and the calendar (9999-12-31) would not hold its dates.
    /// </summary>
    public const int MaxRunYears = 100;

    private const double MaxRunDays = MaxRunYears * 365.25;

    /// <summary>Trials per what-if variant: enough for the mean ETTR to a fraction of a percent at large scale.</summary>
    public const int WhatIfTrials = 200;
}
