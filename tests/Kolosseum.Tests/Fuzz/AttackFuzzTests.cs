using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Kolosseum.Tests.Fuzz;

/// <summary>
/// The attacks of the second hardening pass, drawn at random from a fixed seed and run through the same
/// contract as the mutated scenarios (FuzzHarness): response-file tokens ('@/dev/zero', '@/etc/passwd', an '@'
/// scenario), FIFOs and device nodes as inputs and as output targets, PUE at and just past the ends of its
/// range, and --json on CSV files with no predictable row or no row at all. Every run ends within its
/// timeout with 0, 1 or 2, no stack trace, one JSON document for 0 and 1 with --json, a KOL diagnostic for 2.
/// </summary>
public sealed class AttackFuzzTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-attack-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static readonly string[] Devices = ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/full"];

    private static readonly string[] Pues = ["1", "1.0", "1.0000000001", "1.05", "1.5", "2.999", "3", "0.999", "3.0001", "1e-300", "-1"];

    private static string Tiny => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"));

    private static readonly string[] RunsLines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "validation", "runs.csv"));

    private string Fifo()
    {
        string path = Path.Combine(_folder, "pipe-" + Guid.NewGuid().ToString("N")[..8]);
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        return path;
    }

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>One attack: what it is, the scenario text for "{file}", and the command line.</summary>
    private (string Kind, string Scenario, string[] Args) Draw(Random rng, int i)
    {
        string special = rng.Next(3) == 0 && !OperatingSystem.IsWindows() ? Fifo() : Devices[rng.Next(Devices.Length)];
        string pue = Pues[rng.Next(Pues.Length)];
        string report = Path.Combine(_folder, "r" + i.ToString(CultureInfo.InvariantCulture) + ".html");
        switch (rng.Next(5))
        {
            case 0:
            {
                string[] tokens = ["@/dev/zero", "@/etc/passwd", "@{file}", "@", "@@x", "@" + special];
                string token = tokens[rng.Next(tokens.Length)];
                string[][] lines =
                [
                    ["fabric", token], ["plan", token], ["power", "--gpu", "H100-SXM-80GB", token], ["reliability", token, "--trials", "5"],
                    ["validate", "--runs", token], ["cost", "{file}", token, "--json"],
                ];
                return ("response file", Tiny, lines[rng.Next(lines.Length)]);
            }
            case 1:
            {
                string[][] lines =
                [
                    ["plan", special, "--json"], ["cost", special], ["buildout", special, "--json"], ["reliability", special, "--trials", "5"],
                    ["validate", "--runs", special, "--json"], ["calibrate", "--runs", special, "--gpu", "H100-SXM-80GB"], ["sweep", special],
                ];
                return ("special file as input", Tiny, lines[rng.Next(lines.Length)]);
            }
            case 2:
            {
                string[][] lines =
                [
                    ["plan", "{file}", "--trials", "5", "--no-what-if", "--report", special], ["plan", "{file}", "--trials", "5", "--no-what-if", "--report", "{file}"],
                ];
                return ("special file as output", Tiny, lines[rng.Next(lines.Length)]);
            }
            case 3:
            {
                string scenario = Tiny + "power:\n  pue: " + pue + "\n";
                string[][] lines =
                [
                    ["cost", "{file}", "--json"], ["buildout", "{file}", "--trials", "5", "--json"], ["plan", "{file}", "--trials", "5", "--no-what-if", "--json", "--report", report],
                    ["power", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--pue", pue, "--days", "30", "--json"],
                ];
                return ("PUE " + pue, scenario, lines[rng.Next(lines.Length)]);
            }
            default:
            {
                string header = RunsLines[0];
                string row = RunsLines[1 + rng.Next(RunsLines.Length - 1)];
                // Heads well past the hidden size's divisors, or a model too big for one GPU: rows that cannot be predicted.
                string unpredictable = rng.Next(2) == 0 ? header + "\n" : header + "\n" + row.Replace(",bf16,", ",fp8,", StringComparison.Ordinal) + "\n";
                string csv = Write("runs-" + i.ToString(CultureInfo.InvariantCulture) + ".csv", unpredictable);
                string[][] lines = [["validate", "--runs", csv, "--json"], ["calibrate", "--runs", csv, "--gpu", "A100-SXM-80GB", "--json"]];
                return ("empty-prediction JSON", Tiny, lines[rng.Next(lines.Length)]);
            }
        }
    }

    private FuzzSummary Run(int seed, int cases)
    {
        var watch = Stopwatch.StartNew();
        var rng = new Random(seed);
        var summary = new FuzzSummary();
        using var harness = new FuzzHarness(TimeSpan.FromSeconds(180));
        for (int i = 0; i < cases; i++)
        {
            var (kind, scenario, args) = Draw(rng, i);
            var mutant = new Mutant(i, "attack", System.Text.Encoding.UTF8.GetBytes(scenario), kind);
            summary.Add(harness.Run(mutant, args));
        }
        output.WriteLine(summary.Describe(cases, watch.Elapsed));
        return summary;
    }

    [Fact]
    public void Attacks_on_inputs_outputs_and_edges_end_with_0_1_or_2_and_no_stack_trace()
    {
        var summary = Run(seed: 16, cases: 120);
        Assert.Empty(summary.Failures);
    }

    [Fact]
    [Trait("Category", "Long")]
    public void Two_thousand_attacks_end_with_0_1_or_2_and_no_stack_trace()
    {
        var summary = Run(seed: 1616, cases: 2000);
        Assert.Empty(summary.Failures);
    }
}
