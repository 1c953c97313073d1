using System.Text.Json;

namespace Kolosseum.Tests.Hardening;

/// <summary>
/// Diagnostics speak the field's own units and suggest what the user most likely meant: ranges in MW and
/// days rather than watts and seconds, a comma read both ways, no suggestion the flag would refuse, no
/// empty list of units; invisible characters in names are removed (with a warning) before the report and JSON.
/// </summary>
public sealed class DiagnosticWordingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-wording-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(new[] { "power", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--site-mw", "0.0001" }, "--site-mw = '0.0001 MW': must be between 1 kW and 100 GW")]
    [InlineData(new[] { "reliability", "--days", "0" }, "--days = '0': must be above 0 (at least a second) and at most 36525 d")]
    [InlineData(new[] { "reliability", "--days", "1,000" }, "write '1000' for 1000, or '1.000' if the comma is a decimal point")]
    [InlineData(new[] { "power", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--days", "1,000" }, "--days = '1,000': commas separate one value per option; numbers take no thousands separators; write '1000 d' for 1000")]
    [InlineData(new[] { "power", "--gpu", "H100-SXM-80GB", "--gpus", "8b" }, "unknown unit 'b' for a count; the flag must be between 1 and 10000000")]
    [InlineData(new[] { "power", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--site-mw", "700 mW" }, "units are case-sensitive ('m' is milli, 'M' mega): did you mean '700 MW'?")]
    [InlineData(new[] { "power", "--gpu", "H100-SXM-80GB", "--gpus", "1024", "--pue", "1.2x" }, "--pue = '1.2x': takes a plain number, without a unit ('x'); write '1.2'")]
    public void A_diagnostic_reads_in_the_fields_units_with_a_sensible_suggestion(string[] args, string expected)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("valid units: \n", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("'000 d'", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u202E")]
    public void Invisible_characters_are_removed_from_names_with_a_warning(string invisible)
    {
        string scenario = Path.Combine(_folder, "names.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml"))
            .Replace("name: tiny plan", $"name: tiny{invisible} plan", StringComparison.Ordinal)
            .Replace("name: rent 16", $"name: rent{invisible}16", StringComparison.Ordinal));
        string report = Path.Combine(_folder, "names.html");
        var (code, stdout, stderr) = CliRunner.Run("plan", scenario, "--trials", "20", "--no-what-if", "--json", "--report", report);
        Assert.True(code == 0, stderr);
        Assert.DoesNotContain(invisible, stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(invisible, File.ReadAllText(report), StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Contains("names.yaml:3:7: warning KOL017: name = 'tiny plan': invisible characters removed (U+" + ((int)invisible[0]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture) + ")", stderr, StringComparison.Ordinal);
        Assert.Contains("rent16", stdout, StringComparison.Ordinal);
    }
}
