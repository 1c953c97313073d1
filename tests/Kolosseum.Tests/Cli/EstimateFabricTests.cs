using System.Text.Json;
using Kolosseum.Fabric;
using Kolosseum.Performance;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Cli;

/// <summary>
/// <c>estimate SCENARIO --gpus N</c> resizes the option: its fabric (switch, tier rule, oversubscription, islands)
/// is designed for N GPUs, and when it cannot carry them the catalog default takes its place and stderr and the
/// JSON say so and why.
/// </summary>
public sealed class EstimateFabricTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kolosseum-estimate-fabric-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Scenario(string fabric)
    {
        string file = Path.Combine(_dir, "s.yaml");
        File.WriteAllText(file, $$"""
            name: resize
            model: llama3.1-70b
            training: {tokens: 1T, global_batch: 128, seq_len: 8192, precision: bf16}
            options:
              - name: a
                gpu: H100-SXM-80GB
                gpus: 1024
                node: hgx-h100
                ownership: owned
                fabric: {{fabric}}
            """);
        return file;
    }

    private static readonly string[] Layout = ["--tp", "8", "--pp", "8", "--zero", "1", "--json"];

    [Fact]
    public void A_resized_option_keeps_its_switch_islands_and_oversubscription()
    {
        string file = Scenario("{switch: sn5600, island_gpus: 256, oversubscription: 7}");
        var (code, stdout, stderr) = CliRunner.Run(["estimate", file, "--gpus", "2048", .. Layout]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var fabric = doc.RootElement.GetProperty("fabric");
        Assert.Equal("option", fabric.GetProperty("source").GetString());
        Assert.Equal("sn5600", fabric.GetProperty("switch").GetString());
        Assert.Equal(128, fabric.GetProperty("radix").GetInt32());
        Assert.Equal(7, fabric.GetProperty("oversubscription").GetDouble(), 6);
        Assert.Equal(8, fabric.GetProperty("islands").GetInt64()); // 2,048 GPUs in islands of 256
        Assert.Contains("designed for 2048 GPUs", stderr, StringComparison.Ordinal);

        // The step time is the model's on that very design, not on the catalog default for 2,048 GPUs.
        var bag = new Kolosseum.Diagnostics.DiagnosticBag();
        var scenario = ScenarioLoader.Load(file, bag)!;
        var option = scenario.Options[0];
        var design = FabricDesigner.Backend(scenario.Catalog, option.Gpu, option.Node, 2048, option.Sections.Get<FabricSettings>()).Design!;
        var network = FabricNetwork.ToClusterNetwork(design, option.Gpu, option.Node, scenario.Catalog.Get<NicSpec>(option.Node.BackendNicId));
        var expected = new PerformanceModel(scenario.Model, scenario.Training, option.Gpu, network)
            .Evaluate(new Layout(8, 8, 1, 32, 1, 1, 1, true, Recompute.None, 1));
        Assert.Equal(expected.StepTime, doc.RootElement.GetProperty("step_time_s").GetDouble(), expected.StepTime * 1e-12);
        var (_, plainOut, _) = CliRunner.Run(["estimate", "--model", "llama3.1-70b", "--gpu", "H100-SXM-80GB", "--gpus", "2048",
            "--global-batch", "128", "--seq", "8192", "--tokens", "1T", .. Layout]);
        using var plain = JsonDocument.Parse(plainOut);
        Assert.True(doc.RootElement.GetProperty("step_time_s").GetDouble() > plain.RootElement.GetProperty("step_time_s").GetDouble(),
            "the option's 7:1 islands are slower than the non-blocking default");
    }

    [Fact]
    public void A_fabric_that_cannot_carry_the_new_size_is_dropped_with_the_reason()
    {
        string file = Scenario("{switch: qm9700, tiers: 2}"); // 2 tiers of 64 ports join at most 2,048 GPUs
        var (code, stdout, stderr) = CliRunner.Run(["estimate", file, "--gpus", "4096", .. Layout]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var fabric = doc.RootElement.GetProperty("fabric");
        Assert.Equal("catalog default (option's dropped)", fabric.GetProperty("source").GetString());
        Assert.Contains("2048", fabric.GetProperty("dropped").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, fabric.GetProperty("tiers").GetInt32());
        Assert.Contains("dropped the option's fabric", stderr, StringComparison.Ordinal);
        Assert.Contains("2048", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_option_at_its_own_size_uses_its_fabric_without_a_note()
    {
        string file = Scenario("{switch: sn5600, island_gpus: 256, oversubscription: 7}");
        var (code, stdout, stderr) = CliRunner.Run(["estimate", file, .. Layout]);
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("option", doc.RootElement.GetProperty("fabric").GetProperty("source").GetString());
        Assert.DoesNotContain("fabric:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_says_which_fabric_it_searched_on()
    {
        string file = Scenario("{switch: qm9700, tiers: 2}");
        var (code, stdout, stderr) = CliRunner.Run("search", file, "--gpus", "4096", "--top", "1", "--json");
        Assert.True(code is 0 or 1, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Contains("2048", doc.RootElement.GetProperty("fabric").GetProperty("dropped").GetString(), StringComparison.Ordinal);
        Assert.Contains("dropped the option's fabric", stderr, StringComparison.Ordinal);
    }
}
