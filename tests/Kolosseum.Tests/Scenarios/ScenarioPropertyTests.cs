using System.Globalization;
using CsCheck;
using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Scenarios;

/// <summary>Scenario loading over generated values and combinations of mistakes.</summary>
public sealed class ScenarioPropertyTests
{
    // Line numbers matter below: each mistake replaces one line, so every line keeps its number.
    private static readonly string[] ValidLines =
    [
        "name: valid",                 // 1
        "model: llama3.1-8b",          // 2
        "training:",                   // 3
        "  tokens: 1T",                // 4
        "  global_batch: 512",         // 5
        "  precision: bf16",           // 6
        "options:",                    // 7
        "  - name: a",                 // 8
        "    gpu: H100-SXM-80GB",      // 9
        "    gpus: 64",                // 10
        "    ownership: rented",       // 11
    ];

    private static string Yaml(IReadOnlyDictionary<int, string> replaced) =>
        string.Join('\n', ValidLines.Select((line, i) => replaced.TryGetValue(i + 1, out var r) ? r : line)) + "\n";

    private static (Scenario? Scenario, IReadOnlyList<Diagnostic> Errors) Load(string yaml)
    {
        var bag = new DiagnosticBag();
        var s = ScenarioLoader.Parse(yaml, "p.yaml", bag);
        return (s, bag.Sorted().Where(d => d.Severity == Severity.Error).ToList());
    }

    /// <summary>
    /// The default back-end fabric of an HGX H100 option of more than 65,536 GPUs is a non-blocking fat tree of
    /// 128-port switches with at most four tiers: 2·(128/2)^4 = 33,554,432 GPU ports (the closed form of
    /// docs/fabric.md), beyond the 10,000,000 GPUs a scenario may ask for; so every count in range loads.
    /// </summary>
    private const long DefaultFabricLimit = 2 * 64L * 64 * 64 * 64;

    /// <summary>The most GPUs an option may have (the range rule of <c>gpus</c>).</summary>
    private const long MaxGpus = 10_000_000;

    [Fact]
    public void Any_gpu_count_in_range_loads_as_written_and_any_outside_is_one_located_error()
    {
        Gen.OneOf(Gen.Long[-1_000_000_000, 1_000_000_000_000], Gen.Long[1, 10_000_000], Gen.Long[MaxGpus - 1000, MaxGpus + 1000]).Sample(n =>
        {
            var (s, errors) = Load(Yaml(new Dictionary<int, string> { [10] = "    gpus: " + n.ToString(CultureInfo.InvariantCulture) }));
            if (n >= 1 && n <= Math.Min(DefaultFabricLimit, MaxGpus))
            {
                Assert.Empty(errors);
                Assert.Equal(n, s!.Options[0].Gpus);
            }
            else
            {
                // Beyond the range rule, or within it but beyond what the default fabric joins: one error, at the count.
                var e = Assert.Single(errors);
                string code = n is >= 1 and <= MaxGpus ? DiagnosticCodes.Inconsistent : DiagnosticCodes.OutOfRange;
                Assert.Equal((code, 10, 11), (e.Code, e.Location.Line, e.Location.Column));
            }
        });
    }

    [Fact]
    public void Token_counts_with_a_suffix_load_as_the_number_times_the_suffix()
    {
        Gen.Select(Gen.Int[1, 99_999], Gen.OneOfConst(("M", 1e6), ("B", 1e9), ("T", 1e12))).Sample((hundredths, suffix) =>
        {
            string text = (hundredths / 100.0).ToString("0.##", CultureInfo.InvariantCulture) + suffix.Item1;
            var (s, errors) = Load(Yaml(new Dictionary<int, string> { [4] = "  tokens: " + text }));
            Assert.Empty(errors);
            Assert.Equal(hundredths / 100.0 * suffix.Item2, s!.Training.Tokens, s.Training.Tokens * 1e-12);
        });
    }

    private static readonly (int Line, string Text, string Code)[] Mistakes =
    [
        (2, "model: llama-3.1-8bx", DiagnosticCodes.UnknownId),
        (6, "  precision: bf17", DiagnosticCodes.WrongType),
        (9, "    gpu: H10", DiagnosticCodes.UnknownId),
        (10, "    gpus: -5", DiagnosticCodes.OutOfRange),
        (11, "    ownership: leased", DiagnosticCodes.WrongType),
    ];

    [Fact]
    public void Every_combination_of_mistakes_gives_one_error_each_on_its_own_line()
    {
        Gen.Int[1, (1 << Mistakes.Length) - 1].Sample(mask =>
        {
            var chosen = Mistakes.Where((_, i) => (mask & (1 << i)) != 0).ToList();
            var (s, errors) = Load(Yaml(chosen.ToDictionary(m => m.Line, m => m.Text)));
            Assert.Null(s);
            Assert.Equal(chosen.Select(m => (m.Line, m.Code)), errors.Select(e => (e.Location.Line, e.Code)));
        });
    }
}
