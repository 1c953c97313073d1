using Kolosseum.Diagnostics;
using Kolosseum.Sweeps;

namespace Kolosseum.Tests.Sweeps;

public class SweepFileTests
{
    [Fact]
    public void Ranges_expand_with_their_units_in_product_order_last_axis_fastest()
    {
        var (spec, bag) = SweepFiles.Parse(SweepFiles.Small);
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        Assert.Equal(12, spec!.Points);
        Assert.Equal(["120 MW", "160 MW"], spec.Axes[0].Values.Select(v => v.Text));
        // Log scale: 0.5 · 4^(i/2) = 0.5, 1, 2 exactly (to 12 significant digits).
        Assert.Equal(["0.5", "1", "2"], spec.Axes[1].Values.Select(v => v.Text));
        Assert.Equal(["60 %", "90 %"], spec.Axes[2].Values.Select(v => v.Text));
        Assert.Equal([0, 0, 1], spec.ValueIndices(1));
        Assert.Equal([1, 2, 1], spec.ValueIndices(11));
        Assert.Equal(SweepSpec.DefaultTrials, SweepFiles.Parse(SweepFiles.Small.Replace("trials: 40\n", "", StringComparison.Ordinal)).Spec!.Trials);
    }

    [Fact]
    public void Step_ranges_reach_the_end_without_rounding_drift()
    {
        var (spec, bag) = SweepFiles.Parse("name: x\nscenario: BASE\naxes:\n  economics.utilisation: {from: 0.3, to: 0.9, step: 0.1}\n");
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        // 0.3 + 4 × 0.1 is 0.7000000000000001 in binary: the value written must be the decimal the user meant.
        Assert.Equal(["0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"], spec!.Axes[0].Values.Select(v => v.Text));
    }

    [Fact]
    public void Zip_pairs_values_and_needs_axes_of_one_length()
    {
        var (spec, _) = SweepFiles.Parse("name: x\nscenario: BASE\ncombine: zip\naxes:\n  power.site_limit: [100 MW, 200 MW]\n  economics.utilisation: [50 %, 90 %]\n");
        Assert.Equal(2, spec!.Points);
        Assert.Equal([1, 1], spec.ValueIndices(1));
        var (bad, bag) = SweepFiles.Parse("name: x\nscenario: BASE\ncombine: zip\naxes:\n  power.site_limit: [100 MW, 200 MW]\n  economics.utilisation: [50 %, 70 %, 90 %]\n");
        Assert.Null(bad);
        Assert.Equal(2, bag.Items.Count(d => d.Code == DiagnosticCodes.Inconsistent && d.Rule.Contains("zip", StringComparison.Ordinal)));
        Assert.Contains(bag.Items, d => d.Location.Line == 5);
        Assert.Contains(bag.Items, d => d.Location.Line == 6);
    }

    [Fact]
    public void Every_mistake_in_a_sweep_file_is_reported_at_once_with_its_line()
    {
        string text = """
            name: broken
            scenario: BASE
            combine: cartesian
            trails: 10
            axes:
              options[x].gpus: [1k]
              power.site_limit: {from: 100 MW, to: 200 kW, step: 10 MW}
              economics.utilisation: {from: 1, to: 2}
              reliability.failure_rate_scale: [0, 2]
              training.tokens: [12T, 12T]
              power.pue: 1.2
            """;
        var (spec, bag) = SweepFiles.Parse(text);
        Assert.Null(spec);
        var lines = bag.Items.Select(d => (d.Location.Line, d.Code)).ToList();
        Assert.Contains((3, DiagnosticCodes.WrongType), lines);        // combine: cartesian
        Assert.Contains((4, DiagnosticCodes.UnknownKey), lines);       // trails (did you mean trials?)
        Assert.Contains((6, DiagnosticCodes.WrongType), lines);        // options[x]
        Assert.Contains((7, DiagnosticCodes.Inconsistent), lines);     // MW vs kW
        Assert.Contains((8, DiagnosticCodes.Inconsistent), lines);     // neither step nor count
        Assert.Contains((9, DiagnosticCodes.OutOfRange), lines);       // a scale of 0
        Assert.Contains((10, DiagnosticCodes.DuplicateKey), lines);    // 12T twice
        Assert.Contains((11, DiagnosticCodes.WrongType), lines);       // a scalar, not values
        Assert.Contains(bag.Items, d => d.Suggestion?.Contains("trials", StringComparison.Ordinal) == true);
        Assert.All(bag.Items, d => Assert.Equal("s.yaml", d.Location.File));
    }

    [Fact]
    public void A_point_that_breaks_a_scenario_rule_is_reported_at_the_axis_value_that_causes_it()
    {
        var (spec, bag) = SweepFiles.Parse("name: x\nscenario: BASE\naxes:\n  options[0].gpus: [22528, 0]\n  power.site_limit: [100 MW, 5 parsecs]\n");
        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        var points = SweepPoints.Create(spec!, bag)!;
        Assert.False(SweepRunner.Check(points, spec!, Shard.All, bag));
        // gpus 0 is out of range at points 2 and 3 (line 4); '5 parsecs' is no power at points 1 and 3 (line 5).
        Assert.Contains(bag.Items, d => d.Location is { File: "s.yaml", Line: 4 } && d.Code == DiagnosticCodes.OutOfRange && d.Rule.Contains("point 2 (options[0].gpus = 0", StringComparison.Ordinal));
        Assert.Contains(bag.Items, d => d.Location is { File: "s.yaml", Line: 5 } && d.Rule.Contains("point 1 (", StringComparison.Ordinal));
        Assert.DoesNotContain(bag.Items, d => d.Rule.Contains("point 0 ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_path_the_base_scenario_cannot_hold_is_located_at_the_axis()
    {
        var (spec, bag) = SweepFiles.Parse("name: x\nscenario: BASE\naxes:\n  options[5].gpus: [1k]\n  power.site_limitt: [100 MW]\n");
        var points = SweepPoints.Create(spec!, bag)!;
        Assert.False(SweepRunner.Check(points, spec!, Shard.All, bag));
        Assert.Contains(bag.Items, d => d.Location.Line == 4 && d.Rule.Contains("2 items", StringComparison.Ordinal));
        var (spec2, bag2) = SweepFiles.Parse("name: x\nscenario: BASE\naxes:\n  power.site_limitt: [100 MW]\n");
        var points2 = SweepPoints.Create(spec2!, bag2)!;
        Assert.False(SweepRunner.Check(points2, spec2!, Shard.All, bag2));
        // The scenario reader refuses the unknown key; the problem is moved to the axis, with the reader's suggestion.
        Assert.Contains(bag2.Items, d => d.Location.Line == 4 && d.Code == DiagnosticCodes.UnknownKey && d.Suggestion?.Contains("site_limit", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void A_missing_base_scenario_is_located_at_the_sweep_files_scenario_line()
    {
        var (spec, bag) = SweepFiles.Parse("name: x\nscenario: nowhere.yaml\naxes:\n  power.site_limit: [100 MW]\n");
        Assert.Null(spec);
        Assert.Contains(bag.Items, d => d.Location is { File: "s.yaml", Line: 2 } && d.Code == DiagnosticCodes.FileError);
    }

    [Fact]
    public void Points_hash_their_scenario_so_equal_points_hash_equal_and_different_ones_differ()
    {
        var (spec, bag) = SweepFiles.Parse(SweepFiles.Small);
        var points = SweepPoints.Create(spec!, bag)!;
        var hashes = Enumerable.Range(0, 12).Select(k => points.Build(k, bag)!.ScenarioHash).ToList();
        Assert.Equal(12, hashes.Distinct().Count());
        Assert.Equal(hashes[3], points.Build(3, bag)!.ScenarioHash);
    }

    [Fact]
    public void The_example_sweeps_are_valid()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios", "sweeps"), "*.yaml"))
        {
            var bag = new DiagnosticBag();
            var spec = SweepFileReader.Load(file, bag);
            Assert.True(spec is not null, file + ": " + string.Join("\n", bag.Items));
            var points = SweepPoints.Create(spec!, bag);
            Assert.True(points is not null && SweepRunner.Check(points, spec!, Shard.All, bag), file + ": " + string.Join("\n", bag.Items));
        }
    }
}
