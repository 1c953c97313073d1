using Kolosseum.Diagnostics;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Scenarios;

/// <summary>What a scenario section reader may look at: the merged catalog, the model and the training run.</summary>
public sealed record ScenarioContext(
    string File,
    Catalog.Catalog Catalog,
    ModelSpec? Model,
    TrainingSpec? Training,
    DiagnosticBag Diagnostics,
    bool ReportMissing);

/// <summary>
/// What a per-option section reader may look at, in addition to the scenario. <paramref name="GpusLocation"/>
/// is where the option gives its GPU count: a section the file leaves out reports what its defaults cannot
/// do for that count there.
/// </summary>
public sealed record OptionContext(
    ScenarioContext Scenario,
    string OptionName,
    string OptionPath,
    GpuSpec? Gpu,
    long Gpus,
    NodeSpec? Node,
    Ownership? Ownership,
    SourceLocation GpusLocation);
