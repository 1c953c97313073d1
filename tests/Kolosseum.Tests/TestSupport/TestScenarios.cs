using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.TestSupport;

/// <summary>Scenarios written inline in a test: a text that does not load is the test's own mistake, so it throws with every diagnostic.</summary>
public static class TestScenarios
{
    public static Scenario Parse(string yaml, string file)
    {
        var bag = new DiagnosticBag();
        return ScenarioLoader.Parse(yaml, file, bag) ?? throw new InvalidOperationException(string.Join("; ", bag.Items));
    }
}
