using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Scenarios;

/// <summary>One cluster to run the training on: which GPUs, how many, owned or rented, and optionally a fixed layout.</summary>
public sealed record ClusterOption
{
    public required string Name { get; init; }
    public required GpuSpec Gpu { get; init; }
    public required long Gpus { get; init; }
    public required NodeSpec Node { get; init; }
    public required Ownership Ownership { get; init; }

    /// <summary>A layout given by the user, with the documented defaults in the cells left out; null means "search for the best one".</summary>
    public Layout? Layout { get; init; }

    /// <summary>
    /// The layout's cells as written (null: no layout); the plan completes the open ones by search, as validate
    /// does for a published run's unreported cells (<see cref="Search.PartialLayout"/>).
    /// </summary>
    public Search.PartialLayout? WrittenLayout { get; init; }

    public required SectionSet Sections { get; init; }

    public long Nodes => (Gpus + Node.GpusPerNode - 1) / Node.GpusPerNode;
}

/// <summary>A resolved scenario: every name looked up in the (overridden) catalog, every rule checked.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public string? Description { get; init; }

    /// <summary>Where it was read from ("&lt;default&gt;" for the embedded one).</summary>
    public required string File { get; init; }

    public required ModelSpec Model { get; init; }
    public required TrainingSpec Training { get; init; }
    public required IReadOnlyList<ClusterOption> Options { get; init; }
    public required SectionSet Sections { get; init; }
    public required Catalog.Catalog Catalog { get; init; }

    /// <summary>
    /// The YAML tree it was read from, for writing the resolved scenario back as a file (Planning.ResolvedScenario);
    /// null for a scenario built or changed in code, whose tree would no longer say what it holds.
    /// </summary>
    public Yaml.YMapping? Document { get; init; }
}
