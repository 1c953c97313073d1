using System.Text.Json;

namespace Kolosseum.Tests.Cli;

/// <summary>Catalog ids on the command line match whatever their case, and the output names the catalog's spelling.</summary>
public class CatalogIdFlagTests
{
    [Fact]
    public void Estimate_takes_gpu_model_and_node_ids_in_any_case()
    {
        string[] rest = ["--gpus", "64", "--tp", "8", "--pp", "1", "--global-batch", "64", "--json"];
        var (code, stdout, stderr) = CliRunner.Run(["estimate", "--model", "LLAMA3.1-70B", "--gpu", "h100-sxm-80gb", "--node", "HGX-H100", .. rest]);
        Assert.True(code == 0, stderr);
        var (refCode, refOut, _) = CliRunner.Run(["estimate", "--model", "llama3.1-70b", "--gpu", "H100-SXM-80GB", "--node", "hgx-h100", .. rest]);
        Assert.Equal(0, refCode);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("H100-SXM-80GB", doc.RootElement.GetProperty("gpu").GetString());
        Assert.Equal("hgx-h100", doc.RootElement.GetProperty("node").GetString());
        Assert.Equal("llama3.1-70b", doc.RootElement.GetProperty("model").GetString());
        Assert.Equal(refOut, stdout);
    }

    [Theory]
    [InlineData("fabric", "--gpus", "1016", "--gpu", "h100-sxm-80gb", "--node", "DGX-H100", "--switch", "QM9700", "--json")]
    [InlineData("fabric", "--gpus", "100k", "--gpu", "H100-sxm-80GB", "--switch", "SN5600", "--json")]
    [InlineData("buildout", "--preset", "FAST-TRACK", "--gpus", "1024", "--trials", "100", "--json")]
    [InlineData("power", "--gpu", "b200", "--gpus", "1024", "--json")]
    [InlineData("catalog", "gpus", "h100-sxm-80gb", "--json")]
    public void Id_flags_match_case_insensitively(params string[] args)
    {
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.True(code == 0, $"{string.Join(' ', args)}: {stderr}");
        using var _ = JsonDocument.Parse(stdout);
    }
}
