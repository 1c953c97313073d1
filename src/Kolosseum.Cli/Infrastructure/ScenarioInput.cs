using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>Loads the scenario named on the command line, or the embedded default one.</summary>
internal static class ScenarioInput
{
    public static Scenario? Load(string? path, DiagnosticBag diagnostics) =>
        path is null ? ScenarioLoader.Default() : ScenarioLoader.Load(path, diagnostics);
}
