using Kolosseum.Diagnostics;
using Kolosseum.Sweeps;

namespace Kolosseum.Tests.Sweeps;

/// <summary>Sweep files for tests, written to a temporary folder, on the fixed-layout base scenario (no layout search).</summary>
internal static class SweepFiles
{
    public static string Base => Path.Combine(AppContext.BaseDirectory, "scenarios", "fixed-layouts-22k-vs-88k-h100.yaml");

    public static string Folder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "kolosseum-sweep-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Write(string dir, string text, string name = "s.yaml")
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, text.Replace("BASE", Base, StringComparison.Ordinal));
        return path;
    }

    /// <summary>12 points: two site limits × three failure-rate scales × two utilisations.</summary>
    public const string Small = """
        name: small
        scenario: BASE
        seed: 7
        trials: 40
        axes:
          power.site_limit: [120 MW, 160 MW]
          reliability.failure_rate_scale: {from: 0.5, to: 2, count: 3, scale: log}
          economics.utilisation: {from: 60 %, to: 90 %, step: 30 %}
        """;

    public static (SweepSpec? Spec, DiagnosticBag Bag) Parse(string text)
    {
        var bag = new DiagnosticBag();
        return (SweepFileReader.Parse(text.Replace("BASE", Base, StringComparison.Ordinal), "s.yaml", bag), bag);
    }
}
