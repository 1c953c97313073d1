using System.Globalization;
using Kolosseum.Fabric;
using Kolosseum.Performance;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Search;
using Kolosseum.Units;

namespace Kolosseum.Planning;

/// <summary>
/// The expensive part of planning one option, done once and reused: the fabric design, the cluster network the
/// performance model sees, the performance model of each allowed batch, the layout search and the scaling curve.
/// Nothing here depends on reliability, power, cost or build-out inputs, so an evaluation under other values of
/// those (<see cref="OptionEvaluation"/>) can start from the same setup.
/// </summary>
public sealed record OptionSetup
{
    public required ClusterOption Option { get; init; }

    /// <summary>The option's position in its scenario (it seeds the option's random streams).</summary>
    public required int Index { get; init; }

    public required ClusterFabric Fabric { get; init; }
    public required ClusterNetwork Network { get; init; }

    /// <summary>GPUs a layout may use: the option's GPUs (or those the site can power) less the nodes kept as hot spares.</summary>
    public required long TrainableGpus { get; init; }

    /// <summary>
    /// GPUs the site can power at nameplate (facility capacity within <c>power.site_limit</c>): the option's GPUs when
    /// they fit or no limit applies (rented capacity stands on the provider's site); fewer when the option is planned under the cap.
    /// </summary>
    public required long PoweredGpus { get; init; }

    /// <summary>Whether the site limit capped the GPUs that train (the rest of the option stays dark).</summary>
    public bool SiteCapped => PoweredGpus < Option.Gpus;

    /// <summary>One performance model per anchor batch the search started from (just the scenario's when the option gives a layout).</summary>
    public required IReadOnlyList<PerformanceModel> Models { get; init; }

    /// <summary>The performance model of the chosen batch.</summary>
    public required PerformanceModel Model { get; init; }

    /// <summary>The training run as planned for this option (the global batch the search chose).</summary>
    public TrainingSpec Training => Model.Training;

    /// <summary>Null when the option gave its own layout.</summary>
    public SearchResult? Search { get; init; }

    public required StepReport Step { get; init; }

    /// <summary>The fastest layouts found (the chosen one first); just the chosen one when the option gave it.</summary>
    public required IReadOnlyList<StepReport> BestLayouts { get; init; }

    public required IReadOnlyList<ScalingPoint> Scaling { get; init; }

    /// <summary>Layouts at full size that the evaluation ranks by delivered time (empty when the option gives its layout).</summary>
    public IReadOnlyList<LayoutCandidate> Candidates { get; init; } = [];

    /// <summary>The fastest layout inside the validated published runs (null: none fits, or not searched).</summary>
    public StepReport? ValidatedBest { get; init; }

    /// <summary>Whether the plan searched inside the validated runs beside the unconstrained search.</summary>
    public bool ValidatedSearched { get; init; }

    /// <summary>
    /// Designs the fabric and finds the layout of <paramref name="option"/>; <paramref name="budget"/> is what is left
    /// of the plan's limit on layouts searched, and shrinks by what this option's searches consider.
    /// </summary>
    public static OptionSetupResult Prepare(Scenario scenario, ClusterOption option, int index, PlanOptions options, ref long budget)
    {
        var catalog = scenario.Catalog;
        void Report(string stage, double fraction) => options.Progress?.Report(new PlanProgress(option.Name, stage, fraction));

        // Fabric: the designed network is what the performance model, power and cost all see.
        Report("fabric", 0);
        var fabricSettings = option.Sections.TryGet<FabricSettings>(out var fs) ? fs : FabricSettings.Defaults(catalog, option.Node.Id, option.Gpu.Id, option.Gpus);
        var design = FabricDesigner.Design(catalog, option.Gpu, option.Node, option.Gpus, fabricSettings);
        if (!design.Ok) return OptionSetupResult.Fail(string.Create(CultureInfo.InvariantCulture, $"no network fabric carries {option.Gpus:N0} GPUs: {design.Infeasible}"));
        var fabric = design.Design!;
        var network = FabricNetwork.ToClusterNetwork(fabric.Backend, option.Gpu, option.Node, catalog.Get<NicSpec>(option.Node.BackendNicId));

        // Layout: the option's own, or the fastest by search; plus the scaling curve.
        Report("layout search", 0);
        var batches = option.Layout is null ? scenario.Training.BatchChoices() : [scenario.Training.GlobalBatch];
        var models = batches.Select(b => new PerformanceModel(scenario.Model, scenario.Training.AtBatch(b), option.Gpu, network)).ToList();
        var relSettings = scenario.Sections.Get<ReliabilitySettings>();
        // A site limit caps what may train: never plan a run on power the site does not have (docs/plan.md, "Site limit").
        long powered = option.Gpus;
        var power = scenario.Sections.Get<PowerSettings>();
        if (option.Ownership == Ownership.Owned && power.SiteLimit is { } limit)
        {
            var inventory = ClusterInventory.ForOption(option, power, catalog, FabricLoad.From(fabric));
            var fit = SiteFit.Check(inventory, power.Pue, StepPhases.FromTimes(Duration.FromSeconds(1), Duration.Zero), limit);
            if (!fit.Fits) powered = fit.LargestGpus;
            if (powered < option.Node.GpusPerNode)
                return OptionSetupResult.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"infeasible at the site limit: {UnitFormat.Number(limit.Megawatts)} MW powers no {option.Node.Id} node of this cluster ({UnitFormat.Number(fit.FacilityCapacity.Megawatts)} MW for all {option.Gpus:N0} GPUs)"));
        }
        long trainable = SpareReservation.TrainableGpus(powered, option.Node.GpusPerNode, relSettings.Profile.Spares);
        var chosen = LayoutChoice.Choose(models, option, trainable, scenario.Sections.Get<SearchSettings>(), options.Threads, options.Cancellation, ref budget);
        if (chosen.Step is null) return OptionSetupResult.Fail(chosen.Infeasible!);
        if (chosen.Step.TrainTime.Days > Planner.MaxRunYears * 365.25)
            return OptionSetupResult.Fail($"the run would take {UnitFormat.Number(chosen.Step.TrainTime.Years)} years without a single failure, beyond the {Planner.MaxRunYears} years a plan is dated in");
        return new OptionSetupResult(new OptionSetup
        {
            Option = option, Index = index, Fabric = fabric, Network = network, TrainableGpus = trainable, PoweredGpus = powered, Models = models, Model = chosen.Model!,
            Search = chosen.Search, Step = chosen.Step, BestLayouts = chosen.Best, Scaling = chosen.Scaling, Candidates = chosen.Candidates,
            ValidatedBest = chosen.ValidatedBest, ValidatedSearched = chosen.ValidatedSearched,
        }, null);
    }
}

/// <summary>A prepared option, or why it cannot be planned.</summary>
public sealed record OptionSetupResult(OptionSetup? Setup, string? Infeasible)
{
    public static OptionSetupResult Fail(string reason) => new(null, reason);
}
