using Kolosseum.Buildout;
using Kolosseum.Economics;
using Kolosseum.Fabric;
using Kolosseum.Performance;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Search;

namespace Kolosseum.Planning;

/// <summary>The best layout at one cluster size, for the scaling curve and the partial-capacity plan.</summary>
public sealed record ScalingPoint(long ClusterGpus, StepReport? Best);

/// <summary>One stretch of training on the capacity online at the time (the plan may start before the cluster is complete).</summary>
public sealed record RampStep(DateOnly From, long Gpus, Layout Layout, double TokensPerSecond, double TokensDoneAtStart);

/// <summary>When an option trains: from the build-out (or rent lead time) and the days to train with failures.</summary>
public sealed record Schedule
{
    /// <summary>When the option's full capacity is online (P50, P90).</summary>
    public required DateOnly FullCapacityP50 { get; init; }
    public required DateOnly FullCapacityP90 { get; init; }

    /// <summary>When training starts (the first capacity step used, or full capacity).</summary>
    public required DateOnly StartP50 { get; init; }
    public required DateOnly StartP90 { get; init; }

    public required DateOnly FinishP50 { get; init; }
    public required DateOnly FinishP90 { get; init; }

    /// <summary>Training on partial capacity first, growing with the cluster; empty when waiting for full capacity is sooner.</summary>
    public required IReadOnlyList<RampStep> Ramp { get; init; }

    /// <summary>Why the schedule is what it is, in words.</summary>
    public required string Basis { get; init; }
}

/// <summary>Everything the plan worked out for one cluster option.</summary>
public sealed record OptionPlan
{
    public required ClusterOption Option { get; init; }

    /// <summary>The training run as planned for this option (the global batch the search chose).</summary>
    public required TrainingSpec Training { get; init; }

    public required ClusterNetwork Network { get; init; }
    public ClusterFabric? Fabric { get; init; }

    /// <summary>Null when the option gave its own layout.</summary>
    public SearchResult? Search { get; init; }
    public required StepReport Step { get; init; }

    /// <summary>The fastest layouts the search found (the chosen one first); just the chosen one when the option gave it.</summary>
    public required IReadOnlyList<StepReport> BestLayouts { get; init; }

    /// <summary>The fastest layout inside the validated published runs, searched beside the chosen one (null: none fits, or not searched).</summary>
    public StepReport? ValidatedBest { get; init; }

    /// <summary>Whether the plan searched inside the validated runs beside the unconstrained search (<c>search.validated: beside</c>).</summary>
    public bool ValidatedSearched { get; init; }

    /// <summary>
    /// The search's layouts ranked by expected days with failures (closed form; simulated days for the few simulated
    /// exactly), best first; empty when the option gave its layout.
    /// </summary>
    public IReadOnlyList<DeliveredCandidate> Delivered { get; init; } = [];

    /// <summary>Expected days at the searched batch and at the scenario's own; null when the option gave its layout.</summary>
    public BatchDays? BatchDays { get; init; }

    /// <summary>The secondary key the ranking used among layouts that deliver about equally soon.</summary>
    public RankBy RankBy { get; init; } = RankBy.Days;
    public required IReadOnlyList<ScalingPoint> Scaling { get; init; }
    public required ReliabilityResult Reliability { get; init; }
    public WhatIfTable? WhatIf { get; init; }
    public required PowerReport Power { get; init; }
    public SiteFit? Site { get; init; }

    /// <summary>GPUs the site can power: the option's, or fewer when the plan trains under the site limit (the rest stay dark).</summary>
    public long PoweredGpus { get; init; }

    public bool SiteCapped => PoweredGpus < Option.Gpus;

    /// <summary>Why a rented run is not priced at its option's rate (a commitment longer than the run); null when it is.</summary>
    public string? RentBasis { get; init; }
    public required OptionCost Cost { get; init; }

    /// <summary>What the cost model was given, so that a sampled plan can price the same run with other inputs.</summary>
    public CostInputs? CostInputs { get; init; }
    public required IReadOnlyList<TornadoRow> Tornado { get; init; }
    public required BuildoutResult Buildout { get; init; }
    public required Schedule Schedule { get; init; }

    /// <summary>Days of training with failures (P50, P90) from the reliability simulation.</summary>
    public double DaysP50 => Reliability.Days.P50;
    public double DaysP90 => Reliability.Days.P90;

    /// <summary>Critical IT and facility capacity (nameplate, what the site must provision) and the step-to-step swing.</summary>
    public double ItMw => Power.Profile.ItCapacity.Megawatts;
    public double FacilityMw => Power.Profile.FacilityCapacity.Megawatts;
    public double SwingMw => Power.Swing.StepSwing.Megawatts;
}

/// <summary>An option that could not be planned (no layout fits, the run cannot finish...), with the reason.</summary>
public sealed record InfeasibleOption(ClusterOption Option, string Reason);
