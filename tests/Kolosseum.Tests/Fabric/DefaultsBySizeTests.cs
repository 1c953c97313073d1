using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Scenarios;
using static Kolosseum.Tests.Fabric.FabricTestKit;

namespace Kolosseum.Tests.Fabric;

/// <summary>
/// The catalog's default fabric follows what is built at each size: the DGX SuperPOD's non-blocking QM9700 tree while
/// it fits in 3 tiers, and from there what the public 100k builds use, 3 tiers of 128-port (51.2 Tb/s) Ethernet
/// (xAI Colossus on Spectrum-X SN5600; SemiAnalysis: "3 tiers instead of 4"), never a 4-tier non-blocking tree.
/// </summary>
public class DefaultsBySizeTests
{
    private static readonly NodeSpec Hgx = Parts.Get<NodeSpec>("hgx-h100");
    private static readonly GpuSpec H100 = Parts.Get<GpuSpec>("H100-SXM-80GB");

    [Fact]
    public void The_default_design_for_100k_H100_has_three_tiers_of_128_port_switches()
    {
        var d = Design("hgx-h100", 100_000).Backend;
        Assert.Equal("sn5600", d.Switch.Id);
        Assert.Equal(3, d.Tiers);
        Assert.Equal(128, d.Radix); // 64 x 800G cages split to 128 x 400G (SemiAnalysis: SN5600 128 x 400G)
        Assert.Equal(1, d.Oversubscription);
        Assert.Equal("hopper-hgx-100k", FabricSettings.Defaults(Parts, Hgx.Id, H100.Id, 100_000).DefaultsId);
    }

    /// <summary>
    /// The size at which the default changes is where the smaller default would need a 4th tier: the catalog's
    /// min_gpus (a sourced number) must equal one more than what the designer fits in 3 tiers of QM9700.
    /// </summary>
    [Theory]
    [InlineData("hgx-h100", "hopper-hgx", "hopper-hgx-100k")]
    [InlineData("dgx-h100", "hopper-hgx", "hopper-hgx-100k")]
    [InlineData("hgx-b200", "default", "default-100k")]
    public void The_large_default_takes_over_exactly_where_the_small_one_needs_a_fourth_tier(string nodeId, string small, string large)
    {
        var node = Parts.Get<NodeSpec>(nodeId);
        var gpu = Parts.Get<GpuSpec>(node.GpuId);
        long threshold = Parts.Get<FabricDefaults>(large).MinGpus;
        var below = FabricSettings.Defaults(Parts, node.Id, gpu.Id, threshold - 1);
        var at = FabricSettings.Defaults(Parts, node.Id, gpu.Id, threshold);
        Assert.Equal(small, below.DefaultsId);
        Assert.Equal(large, at.DefaultsId);
        var last = FabricDesigner.Backend(Parts, gpu, node, threshold - 1, below).Design!;
        Assert.Equal(3, last.Tiers);
        Assert.Equal(threshold - 1, last.MaxGpus); // the largest 3-tier tree of the small default
        Assert.Equal(4, FabricDesigner.Backend(Parts, gpu, node, threshold, below).Design!.Tiers);
        Assert.Equal(3, FabricDesigner.Backend(Parts, gpu, node, threshold, at).Design!.Tiers);
    }

    [Fact]
    public void The_default_scenario_builds_its_100k_option_on_that_design_and_rents_24k_on_the_superpod_tree()
    {
        var scenario = ScenarioLoader.Default();
        var build = scenario.Options.Single(o => o.Gpus == 100_000);
        var rent = scenario.Options.Single(o => o.Gpus == 24_000);
        Assert.Equal("hopper-hgx-100k", build.Sections.Get<FabricSettings>().DefaultsId);
        Assert.Equal("hopper-hgx", rent.Sections.Get<FabricSettings>().DefaultsId);
        var net = FabricNetwork.ForOption(scenario.Catalog, build);
        Assert.False(net.InNetworkReduction);
        Assert.Equal(5, net.SwitchHopsFor(100_000)); // 3 tiers: leaf-spine-core-spine-leaf
        Assert.Equal(3, FabricNetwork.ForOption(scenario.Catalog, rent).Levels.Count);
    }

    /// <summary>Islands at 7:1 (Meta's 24k clusters, Llama 3 §3.3) on top of the default: the option's network pays 7 across islands.</summary>
    [Fact]
    public void An_option_with_islands_at_seven_to_one_hands_the_oversubscription_to_the_performance_model()
    {
        var text = """
            name: islands
            model: llama3.1-8b
            training: {tokens: 1T, global_batch: 512, seq_len: 4096, precision: bf16}
            options:
              - name: a
                gpu: H100-SXM-80GB
                gpus: 100000
                node: hgx-h100
                ownership: owned
                fabric: {island_gpus: 3072, oversubscription: 7}
            """;
        var bag = new Kolosseum.Diagnostics.DiagnosticBag();
        var s = ScenarioLoader.Parse(text, "t.yaml", bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var net = FabricNetwork.ForOption(s!.Catalog, s.Options[0]);
        Assert.Equal(1, net.OversubscriptionFor(3072));
        Assert.Equal(7, net.OversubscriptionFor(3073), 2);
    }
}
