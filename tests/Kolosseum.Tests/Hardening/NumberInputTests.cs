namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Numbers that mean nothing (NaN, infinity, negatives and zeros where a count or a length belongs, 1e308
/// GPUs, 1e30 tokens, counts past the largest long) and unit mistakes ("80 GiBs", watts for a size): each
/// is a located diagnostic and exit code 2, in scenario files and in the flags of every command.
/// </summary>
public sealed class NumberInputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-numbers-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Tiny => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"));

    /// <summary>A flag of a command, the arguments that make the rest of the command valid, and whether 0 is meaningful.</summary>
    public static TheoryData<string, string> Flags()
    {
        string[] run = ["--model", "llama3.1-8b", "--gpu", "H100-SXM-80GB", "--gpus", "64"];
        var flags = new (string[] Base, string Flag, bool ZeroOk)[]
        {
            (["plan"], "--seed", true), (["plan"], "--trials", false), (["plan"], "--threads", false),
            (["estimate", .. run, "--tp", "8"], "--gpus", false), (["estimate", .. run], "--tokens", false), (["estimate", .. run], "--global-batch", false),
            (["estimate", .. run], "--seq", false), (["estimate", .. run], "--tp", false), (["estimate", .. run], "--pp", false),
            (["estimate", .. run], "--vpp", false), (["estimate", .. run], "--dp", false), (["estimate", .. run], "--cp", false),
            (["estimate", .. run], "--ep", false), (["estimate", .. run], "--zero", true), (["estimate", .. run], "--micro-batch", false),
            (["search", .. run], "--top", false), (["search", .. run], "--min-gpu-fraction", false), (["search", .. run], "--threads", false),
            (["fabric"], "--gpus", false), (["fabric", "--gpus", "1024"], "--oversubscription", false), (["fabric", "--gpus", "1024"], "--islands", false),
            (["fabric", "--gpus", "1024"], "--island-gpus", false), (["fabric", "--gpus", "1024"], "--tiers", false),
            (["buildout", "--preset", "fast-track"], "--gpus", false), (["buildout"], "--trials", false), (["buildout"], "--seed", true), (["buildout"], "--start", false),
            (["power"], "--gpus", false), (["power"], "--pue", false), (["power"], "--site-mw", false), (["power"], "--days", false),
            (["cost"], "--days", false),
            (["reliability", "--gpu", "H100-SXM-80GB", "--days", "30", "--model", "llama3.1-8b"], "--gpus", false),
            (["reliability", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--model", "llama3.1-8b"], "--days", false),
            (["reliability", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--model", "llama3.1-8b", "--tokens", "1T", "--global-batch", "512"], "--step-time", false),
            (["reliability", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--model", "llama3.1-8b", "--step-time", "2s", "--global-batch", "512"], "--tokens", false),
            (["reliability", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--model", "llama3.1-8b", "--step-time", "2s", "--tokens", "1T"], "--global-batch", false),
            (["reliability"], "--mfu", false), (["reliability"], "--checkpoint-size", false), (["reliability"], "--checkpoint-interval", false),
            (["reliability"], "--storage-units", false), (["reliability"], "--spares", true), (["reliability"], "--window", false),
            (["reliability"], "--trials", false), (["reliability"], "--seed", true), (["reliability"], "--threads", false), (["reliability"], "--timeline-events", true),
        };
        string[] values = ["NaN", "Infinity", "-inf", "-1", "0", "1e308", "1e30", "9223372036854775807", "80 GiBs", "1,5"];
        var data = new TheoryData<string, string>();
        foreach (var (b, flag, zeroOk) in flags)
            foreach (var v in values)
            {
                if (v == "0" && zeroOk) continue;
                // "1,5" is one value per option for --days of power and cost (two options in the default scenario).
                if (v == "1,5" && flag == "--days" && b[0] is "power" or "cost") continue;
                data.Add(string.Join('\u001f', [.. b]), flag + "\u001f" + v);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Flags))]
    public void A_meaningless_flag_value_is_a_diagnostic_at_the_flag(string command, string flagAndValue)
    {
        var args = command.Split('\u001f').ToList();
        var fv = flagAndValue.Split('\u001f');
        int at = args.IndexOf(fv[0]);
        if (at >= 0) args[at + 1] = fv[1];
        else args.AddRange(fv);

        var (code, stdout, stderr) = CliRunner.Run([.. args]);

        Assert.True(code == 2, $"{string.Join(' ', args)} -> exit {code}: {stderr}{stdout}");
        Assert.Contains($"{fv[0]}: error KOL0", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("gpus: 16", "gpus: 1e308", "KOL007", 13)]
    [InlineData("gpus: 16", "gpus: 9223372036854775807", "KOL007", 13)]
    [InlineData("gpus: 16", "gpus: 9223372036854775808", "KOL007", 13)]
    [InlineData("gpus: 16", "gpus: -16", "KOL007", 13)]
    [InlineData("gpus: 16", "gpus: 0", "KOL007", 13)]
    [InlineData("gpus: 16", "gpus: .inf", "KOL011", 13)]
    [InlineData("gpus: 16", "gpus: NaN", "KOL011", 13)]
    [InlineData("tokens: 50B", "tokens: 1e30", "KOL007", 6)]
    [InlineData("tokens: 50B", "tokens: -50B", "KOL007", 6)]
    [InlineData("tokens: 50B", "tokens: Infinity", "KOL011", 6)]
    [InlineData("global_batch: 64", "global_batch: 0", "KOL007", 7)]
    [InlineData("global_batch: 64", "global_batch: 4294967296", "KOL007", 7)]
    [InlineData("seq_len: 4096", "seq_len: 1e308", "KOL007", 8)]
    [InlineData("trials: 100", "trials: 0", "KOL007", 24)]
    [InlineData("trials: 100", "trials: 1e30", "KOL007", 24)]
    [InlineData("layout: {tp: 2,", "layout: {tp: 2147483648,", "KOL007", 15)]
    [InlineData("layout: {tp: 2,", "layout: {tp: -2,", "KOL007", 15)]
    [InlineData("reliability:", "reliability:\n  seed: 9223372036854775807", "KOL007", 24)]
    [InlineData("reliability:", "reliability:\n  spares: -5 %", "KOL007", 24)]
    [InlineData("reliability:", "reliability:\n  checkpoint_interval: 0 s", "KOL007", 24)]
    [InlineData("reliability:", "reliability:\n  checkpoint_interval: 30 mins", "KOL006", 24)]
    [InlineData("reliability:", "power:\n  site_limit: 150 MWs\nreliability:", "KOL006", 24)]
    [InlineData("reliability:", "power:\n  site_limit: 150\nreliability:", "KOL005", 24)]
    [InlineData("reliability:", "power:\n  site_limit: 150 GiB\nreliability:", "KOL006", 24)]
    [InlineData("reliability:", "power:\n  pue: NaN\nreliability:", "KOL011", 24)]
    [InlineData("reliability:", "power:\n  pue: 0.5\nreliability:", "KOL007", 24)]
    [InlineData("reliability:", "economics:\n  utilisation: 0 %\nreliability:", "KOL007", 24)]
    [InlineData("reliability:", "economics:\n  hardware_life: -5 y\nreliability:", "KOL007", 24)]
    [InlineData("search:", "catalog:\n  gpus:\n    - id: H100-SXM-80GB\n      hbm: 80 GiBs\nsearch:", "KOL006", 24)]
    [InlineData("search:", "catalog:\n  gpus:\n    - id: H100-SXM-80GB\n      hbm: 80 W\nsearch:", "KOL006", 24)]
    [InlineData("search:", "catalog:\n  gpus:\n    - id: H100-SXM-80GB\n      price: 1e300 USD\nsearch:", "KOL007", 24)]
    [InlineData("search:", "catalog:\n  nodes:\n    - id: hgx-h100\n      cpu_power: 1e300 W\nsearch:", "KOL007", 24)]
    [InlineData("search:", "catalog:\n  nodes:\n    - id: hgx-h100\n      power_max: 5 kW\nsearch:", "KOL013", 24)]
    public void A_meaningless_scenario_value_is_a_located_diagnostic(string from, string to, string code, int line)
    {
        Assert.Contains(from, Tiny, StringComparison.Ordinal);
        string file = Path.Combine(_folder, "numbers.yaml");
        File.WriteAllText(file, Tiny.Replace(from, to, StringComparison.Ordinal));

        var (exit, stdout, stderr) = CliRunner.Run("cost", file);

        Assert.True(exit == 2, $"exit {exit}: {stderr}{stdout}");
        Assert.Matches($@"numbers\.yaml:{line}:\d+: error {code}:", stderr);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_seed_beyond_the_exact_range_of_a_double_is_refused_rather_than_rounded()
    {
        var (code, _, stderr) = CliRunner.Run("buildout", "--seed", "9007199254740993");
        Assert.Equal(2, code);
        Assert.Contains("--seed: error KOL007: --seed = '9007199254740993': must be between 0 and 9007199254740991", stderr, StringComparison.Ordinal);
    }
}
