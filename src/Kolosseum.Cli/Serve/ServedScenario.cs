using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Yaml;

namespace Kolosseum.Cli.Serve;

/// <summary>The scenario <c>kolosseum serve</c> was started with: the embedded default, or a file read afresh on every use (edit it, reload the page).</summary>
internal sealed record ServedScenario(string? Path)
{
    /// <summary>The name diagnostics and the report use for it, as <c>kolosseum plan</c> does.</summary>
    public string File => Path ?? ScenarioLoader.DefaultName;

    public string? Text(DiagnosticBag bag) => Path is null ? ScenarioLoader.DefaultText : InputFile.Read(Path, YamlLimits.Default.MaxBytes, "", bag);
}
