using System.Globalization;
using System.Text.Json;
using Kolosseum.Cli.Infrastructure;

namespace Kolosseum.Tests.Cli;

public class PowerAndCostCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter(CultureInfo.InvariantCulture);
        var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int code = Kolosseum.Cli.Cli.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("H100-SXM-80GB", "100k")]
    [InlineData("A100-SXM-80GB", "4096")]
    [InlineData("B200", "16384")]
    public void Fabric_and_power_put_the_same_gpus_into_the_same_servers_and_optics(string gpu, string gpus)
    {
        var (fabricCode, fabric, fabricErr) = Run("fabric", "--gpu", gpu, "--gpus", gpus, "--json");
        var (powerCode, power, powerErr) = Run("power", "--gpu", gpu, "--gpus", gpus, "--json");
        Assert.True(fabricCode == 0, fabricErr);
        Assert.True(powerCode == 0, powerErr);
        using var f = JsonDocument.Parse(fabric);
        using var p = JsonDocument.Parse(power);
        Assert.Equal(f.RootElement.GetProperty("node").GetString(), p.RootElement.GetProperty("node").GetString());
        long transceivers = f.RootElement.GetProperty("backend").GetProperty("totals").GetProperty("transceivers").GetInt64();
        Assert.Contains($"{transceivers.ToString("N0", CultureInfo.InvariantCulture)} transceivers", p.RootElement.GetProperty("network_basis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_shows_a_rented_option_paying_no_capex_as_the_plan_comparison_does()
    {
        string scenario = Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-plan.yaml");
        var (code, output, err) = Run("cost", scenario, "--json");
        Assert.True(code == 0, err);
        var (planCode, plan, planErr) = Run("plan", scenario, "--trials", "20", "--no-what-if", "--json");
        Assert.True(planCode == 0, planErr);
        using var cost = JsonDocument.Parse(output);
        using var planned = JsonDocument.Parse(plan);
        var capexRow = planned.RootElement.GetProperty("comparison").EnumerateArray().Single(c => c.GetProperty("criterion").GetString() == "capex");
        var options = cost.RootElement.GetProperty("options").EnumerateArray().ToList();
        for (int i = 0; i < options.Count; i++)
        {
            double upFront = options[i].GetProperty("up_front_capex_usd").GetDouble();
            Assert.Equal(capexRow.GetProperty("values")[i].GetDouble(), upFront, 1e-6 * Math.Max(1, upFront));
            if (options[i].GetProperty("ownership").GetString() == "rented")
            {
                Assert.Equal(0, upFront);
                Assert.True(options[i].GetProperty("capex_total_usd").GetDouble() > 0); // what owning would cost, for the break-even
            }
        }
        Assert.Contains(options, o => o.GetProperty("ownership").GetString() == "rented");
    }

    [Fact]
    public void Power_json_is_one_document_with_the_breakdown_and_the_site_check()
    {
        var (code, output, err) = Run("power", "--gpu", "H100-SXM-80GB", "--gpus", "100k", "--site-mw", "150", "--days", "30", "--json");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(100_000, root.GetProperty("gpus").GetInt64());
        Assert.True(root.GetProperty("components").GetArrayLength() >= 4);
        double capacity = root.GetProperty("it_w").GetProperty("nameplate").GetDouble();
        Assert.InRange(capacity / 1e6, 135, 155);
        Assert.False(root.GetProperty("site").GetProperty("fits").GetBoolean());
        Assert.True(root.GetProperty("run").GetProperty("facility_energy_j").GetDouble() > 0);
        Assert.Contains(root.GetProperty("assumptions").EnumerateArray(), a => a.GetProperty("key").GetString() == "power.site_limit");
    }

    [Fact]
    public void Power_reports_every_bad_flag_at_once_with_exit_code_2()
    {
        var (code, output, err) = Run("power", "--gpu", "H10", "--gpus", "-5", "--pue", "abc", "--site-mw", "-3", "--days", "NaN");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Contains("--gpu", err, StringComparison.Ordinal);
        Assert.Contains("did you mean", err, StringComparison.Ordinal);
        Assert.Contains("--gpus", err, StringComparison.Ordinal);
        Assert.Contains("--pue", err, StringComparison.Ordinal);
        Assert.Contains("--site-mw", err, StringComparison.Ordinal);
        Assert.Contains("--days", err, StringComparison.Ordinal);
        Assert.Contains("5 errors", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Power_rejects_a_node_for_another_gpu()
    {
        var (code, _, err) = Run("power", "--gpu", "B200", "--node", "hgx-h100");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("hgx-b200", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_json_prices_both_default_options_and_names_its_days_source()
    {
        var (code, output, err) = Run("cost", "--json");
        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("", err);
        using var doc = JsonDocument.Parse(output);
        var options = doc.RootElement.GetProperty("options");
        Assert.Equal(2, options.GetArrayLength());
        foreach (var o in options.EnumerateArray())
        {
            Assert.True(o.GetProperty("run").GetProperty("cost_usd").GetDouble() > 0);
            Assert.StartsWith("stand-in", o.GetProperty("days_basis").GetString(), StringComparison.Ordinal);
            Assert.True(o.GetProperty("tornado").GetArrayLength() > 0);
        }
    }

    [Fact]
    public void Cost_with_days_per_option_scales_the_rented_run()
    {
        var (_, a, _) = Run("cost", "--days", "40,20", "--json");
        var (_, b, _) = Run("cost", "--days", "80,20", "--json");
        double Rented(string json) => JsonDocument.Parse(json).RootElement.GetProperty("options")[0].GetProperty("run").GetProperty("rented_usd").GetDouble();
        Assert.Equal(2 * Rented(a), Rented(b), 1e-6 * Rented(b));
    }

    [Fact]
    public void Cost_rejects_a_days_list_that_does_not_match_the_options()
    {
        var (code, _, err) = Run("cost", "--days", "30,40,50");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("one per option", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Cost_reports_scenario_problems_with_their_location()
    {
        string path = Path.Combine(Path.GetTempPath(), $"kolosseum-cost-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            name: bad
            model: llama3.1-8b
            training: {tokens: 1T, global_batch: 512, seq_len: 8192, precision: bf16}
            options:
              - {name: rent, gpu: H100-SXM-80GB, gpus: 1024, ownership: rented, rental: {price: aws-p5}}
            power: {pue: 7}
            economics: {utilisation: 120 %}
            """);
        try
        {
            var (code, output, err) = Run("cost", path);
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Equal("", output);
            Assert.Contains("power.pue", err, StringComparison.Ordinal);
            Assert.Contains("economics.utilisation", err, StringComparison.Ordinal);
            Assert.Contains("options[0].rental.price", err, StringComparison.Ordinal);
            Assert.Contains(":5:", err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Library text built for the terminal must not pick up a decimal comma from the machine's culture.</summary>
    [Fact]
    public void Capex_basis_text_is_invariant_under_a_decimal_comma_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var c = Kolosseum.Economics.CostModel.Evaluate(new Kolosseum.Economics.CostInputs
            {
                Name = "t", Ownership = Kolosseum.Scenarios.Ownership.Owned, Inventory = Power.PowerFixture.H100Cluster(1024),
                Run = Power.PowerFixture.Run(Kolosseum.Units.Duration.FromDays(3)), Power = Power.PowerFixture.Settings, Economics = Power.PowerFixture.Economics,
            });
            Assert.Contains(c.Capex.Lines, l => l.Basis.Contains("15.0 %", StringComparison.Ordinal));
            Assert.Contains(c.FixedPerYear, l => l.Basis.Contains("10.0 %", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
