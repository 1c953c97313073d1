using Kolosseum.Diagnostics;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>
/// A published run on other nodes than the catalog's says its back-end bandwidth per GPU (column
/// <c>nic_gbps_per_gpu</c>): BLOOM's Jean Zay nodes carry four 100 Gb/s Omni-Path links per 8 GPUs, a quarter
/// of a DGX A100's eight 200 Gb/s NICs.
/// </summary>
public class NicBandwidthColumnTests
{
    private static IReadOnlyList<PublishedRun> Shipped() =>
        RunsCsvReader.Read(File.ReadAllText(PublishedLayoutsTests.RunsFile), PublishedLayoutsTests.RunsFile, Kolosseum.Catalog.Catalog.Embedded, new DiagnosticBag());

    [Fact]
    public void Blooms_own_nics_make_it_slower_than_on_dgx_a100_nics_and_never_faster_with_less_bandwidth()
    {
        var bloom = Shipped().Single(r => r.Id == "bloom-176b");
        Assert.Equal(50, bloom.NicGbpsPerGpu);
        var validator = new RunValidator(Kolosseum.Catalog.Catalog.Embedded);
        // Throughput rows: a slower network can only lower the TFLOP/s the best layout reaches.
        double own = validator.Predict(bloom).Predicted!.Value;
        double dgx = validator.Predict(bloom with { NicGbpsPerGpu = null }).Predicted!.Value;
        double half = validator.Predict(bloom with { NicGbpsPerGpu = 25 }).Predicted!.Value;
        Assert.True(own < dgx, $"with 50 Gb/s per GPU {own:F1} TFLOP/s, with the DGX's 200 {dgx:F1}");
        Assert.True(half <= own, $"with 25 Gb/s per GPU {half:F1} TFLOP/s, with 50 {own:F1}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-50")]
    [InlineData("fast")]
    public void A_bandwidth_that_is_not_a_positive_number_is_an_error_naming_the_column(string value)
    {
        var lines = File.ReadAllLines(PublishedLayoutsTests.RunsFile);
        var header = lines[0].Split(',');
        int column = Array.IndexOf(header, "nic_gbps_per_gpu");
        Assert.Equal(header.Length - 1, column);
        string bloom = lines.Single(l => l.StartsWith("bloom-176b,", StringComparison.Ordinal));
        Assert.EndsWith(",50", bloom);
        string text = lines[0] + "\n" + bloom[..^2] + value + "\n";
        var bag = new DiagnosticBag();
        RunsCsvReader.Read(text, "runs.csv", Kolosseum.Catalog.Catalog.Embedded, bag);
        var error = Assert.Single(bag.Items);
        Assert.Contains("nic_gbps_per_gpu", error.Format());
        Assert.Contains(value, error.Format());
    }
}
