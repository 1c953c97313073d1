using Kolosseum.Diagnostics;
using Kolosseum.Fabric;
using Kolosseum.Scenarios;

namespace Kolosseum.Tests.Fabric;

public class FabricSettingsTests
{
    private static string Scenario(string fabric, long gpus = 1024) => $"""
        name: fabric test
        model: llama3.1-8b
        training:
          tokens: 1T
          global_batch: 512
          seq_len: 4096
          precision: bf16
        options:
          - name: a
            gpu: H100-SXM-80GB
            gpus: {gpus}
            node: hgx-h100
            ownership: owned
        {fabric}
        """;

    private static (Scenario? S, DiagnosticBag Bag) Load(string text)
    {
        var bag = new DiagnosticBag();
        return (ScenarioLoader.Parse(text, "t.yaml", bag), bag);
    }

    [Fact]
    public void Absent_section_gives_the_catalog_defaults_for_the_node()
    {
        var (s, bag) = Load(Scenario(""));
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var f = s!.Options[0].Sections.Get<FabricSettings>();
        Assert.Equal("hopper-hgx", f.DefaultsId);
        Assert.Equal("qm9700", f.SwitchId);
        Assert.Null(f.Tiers);
        Assert.Equal(1, f.Oversubscription);
        Assert.True(f.RailOptimized);
    }

    [Fact]
    public void Section_overrides_are_read()
    {
        var (s, bag) = Load(Scenario("""
                fabric:
                  switch: sn5600
                  tiers: 3
                  oversubscription: 2
                  rack_pitch: 1.5 m
            """));
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items.Select(d => d.Format())));
        var f = s!.Options[0].Sections.Get<FabricSettings>();
        Assert.Equal(("sn5600", 3, 2.0, 1.5), (f.SwitchId, f.Tiers!.Value, f.Oversubscription, f.RackPitchMeters));
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_with_location_and_suggestion()
    {
        var (s, bag) = Load(Scenario("""
                fabric:
                  swich: qm9700
                  tiers: 5
                  oversubscription: -1
                  rack_pitch: 1.5
                  frontend_switch: qm9701
            """));
        Assert.Null(s);
        var byField = bag.Items.ToDictionary(d => d.Field, d => d);
        Assert.Contains("switch", byField["options[0].fabric.swich"].Suggestion, StringComparison.Ordinal);
        Assert.Equal("5", byField["options[0].fabric.tiers"].Value);
        Assert.Equal(DiagnosticCodes.OutOfRange, byField["options[0].fabric.oversubscription"].Code);
        Assert.Equal(DiagnosticCodes.MissingUnit, byField["options[0].fabric.rack_pitch"].Code);
        Assert.Contains("qm9700", byField["options[0].fabric.frontend_switch"].Suggestion, StringComparison.Ordinal);
        Assert.All(bag.Items, d => Assert.True(d.Location.Line > 0));
    }

    [Fact]
    public void Islands_must_be_whole_nodes_and_given_one_way()
    {
        var (_, bag) = Load(Scenario("""
                fabric:
                  islands: 2
                  island_gpus: 500
            """));
        Assert.Contains(bag.Items, d => d.Field == "options[0].fabric.island_gpus" && d.Rule.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(bag.Items, d => d.Field == "options[0].fabric.island_gpus" && d.Suggestion!.Contains("496", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tier_count_too_small_for_the_cluster_is_reported()
    {
        var (s, bag) = Load(Scenario("""
                fabric:
                  tiers: 2
            """, gpus: 100_000));
        Assert.Null(s);
        var d = Assert.Single(bag.Items);
        Assert.Equal("options[0].fabric.tiers", d.Field);
        Assert.Contains("8192", d.Rule, StringComparison.Ordinal); // 128-port SN5600, the 100k default: 128²/2
    }

    [Fact]
    public void Default_scenario_loads_with_a_feasible_fabric_for_both_options()
    {
        var s = ScenarioLoader.Default();
        foreach (var o in s.Options)
            Assert.Equal(3, FabricNetwork.ForOption(s.Catalog, o).Levels[^1].SwitchHops / 2 + 1); // 24k on QM9700, 100k on SN5600
    }
}
