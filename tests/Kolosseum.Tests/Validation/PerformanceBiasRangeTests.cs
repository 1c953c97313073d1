using Kolosseum.Diagnostics;
using Kolosseum.Uncertainty;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>
/// The uncertainty of the model's own step time (performance_bias) is read off validate, not chosen: its mode is the
/// midpoint of the errors on runs the calibration never saw (Llama 3 Table 4), its low end one minus the mean |error|
/// of the calibrated H100 rows, its high end one plus their largest. When the model changes, this fails until the
/// catalog's range follows.
/// </summary>
public class PerformanceBiasRangeTests
{
    private static string File(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "validation", name);

    private static List<ValidationRow> Predict(string name, out IReadOnlyList<PublishedRun> runs)
    {
        var catalog = Kolosseum.Catalog.Catalog.Embedded;
        runs = RunsCsvReader.Read(System.IO.File.ReadAllText(File(name)), File(name), catalog, new DiagnosticBag());
        var validator = new RunValidator(catalog);
        return runs.Select(validator.Predict).ToList();
    }

    [Fact]
    public void The_performance_bias_range_is_what_validate_reports()
    {
        var bias = Assert.IsType<TriangularValue>(
            Kolosseum.Catalog.Catalog.Embedded.Get<UncertaintyProfile>(UncertaintyProfile.DefaultId).Inputs[UncertainInput.PerformanceBias]);

        var heldOut = Predict("llama3-405b-table4.csv", out _).Select(r => r.RelativeError!.Value).ToList();
        Assert.Equal(3, heldOut.Count);
        Assert.All(heldOut, e => Assert.True(e > 0, "the held-out Llama 3 rows are predicted too fast"));
        double mode = 1 + (heldOut.Min() + heldOut.Max()) / 2;

        var rows = Predict("runs.csv", out var runs);
        var gpu = runs.ToDictionary(r => r.Id, r => r.GpuId);
        var h100 = rows.Where(r => RunValidator.SummaryGroupOf(r) == "dense" && gpu[r.Id] == "H100-SXM-80GB" && r.RelativeError is not null)
            .Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
        Assert.True(h100.Count >= 15);

        // Three decimals, as the catalog writes them.
        Assert.Equal(mode, bias.Mode, 0.0015);
        Assert.Equal(1 - h100.Average(), bias.Min, 0.0015);
        Assert.Equal(1 + h100.Max(), bias.Max, 0.0015);
    }
}
