using System.Text.Json;

namespace Kolosseum.Tests.Fabric;

public class FabricCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = Kolosseum.Cli.Cli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Json_is_one_document_with_the_bill_and_levels()
    {
        var (code, stdout, _) = Run("fabric", "--gpus", "1016", "--node", "dgx-h100", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var b = doc.RootElement.GetProperty("backend");
        Assert.Equal(48, b.GetProperty("totals").GetProperty("switches").GetInt64());
        Assert.Equal(2, b.GetProperty("tiers").GetInt32());
        Assert.Equal("hopper-hgx", doc.RootElement.GetProperty("settings").GetProperty("defaults").GetString());
    }

    [Fact]
    public void Switch_ids_match_whatever_their_case_and_print_as_the_catalog_writes_them()
    {
        var (upper, upperOut, upperErr) = Run("fabric", "--gpus", "1016", "--node", "dgx-h100", "--switch", "QM9700", "--json");
        var (lower, lowerOut, _) = Run("fabric", "--gpus", "1016", "--node", "dgx-h100", "--switch", "qm9700", "--json");
        Assert.True(upper == 0, upperErr);
        Assert.Equal(0, lower);
        Assert.Equal(lowerOut, upperOut);
        Assert.Contains("\"qm9700\"", upperOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_flags_are_all_reported_with_exit_code_2()
    {
        var (code, stdout, stderr) = Run("fabric", "--gpus", "-5", "--switch", "qm970", "--tiers", "7", "--oversubscription", "NaN");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--gpus", stderr, StringComparison.Ordinal);
        Assert.Contains("did you mean 'qm9700'", stderr, StringComparison.Ordinal);
        Assert.Contains("--tiers", stderr, StringComparison.Ordinal);
        Assert.Contains("--oversubscription", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_choice_that_cannot_carry_the_gpus_exits_1()
    {
        var (code, _, stderr) = Run("fabric", "--gpus", "40000", "--tiers", "2");
        Assert.Equal(1, code);
        Assert.Contains("2048", stderr, StringComparison.Ordinal); // 64-port QM9700, the default below 65,537 GPUs: 64²/2
    }

    [Fact]
    public void Terminal_output_has_units()
    {
        var (code, stdout, _) = Run("fabric", "--gpus", "4096");
        Assert.Equal(0, code);
        Assert.Contains(" kW", stdout, StringComparison.Ordinal);
        Assert.Contains("$", stdout, StringComparison.Ordinal);
        Assert.Contains("GB/s", stdout, StringComparison.Ordinal);
    }
}
