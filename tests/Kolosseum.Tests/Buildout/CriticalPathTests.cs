using CsCheck;
using Kolosseum.Buildout;
using Kolosseum.Diagnostics;
using Kolosseum.Units;

namespace Kolosseum.Tests.Buildout;

/// <summary>With min = mode = max every trial is the deterministic critical-path schedule.</summary>
public class CriticalPathTests
{
    /// <summary>A random DAG: phase i may wait for any j &lt; i; the list is then shuffled so the simulator must sort it.</summary>
    private static readonly Gen<(int[] Days, bool[] Edges, int[] Order)> Graphs =
        from n in Gen.Int[1, 8]
        from days in Gen.Int[0, 400].Array[n]
        from edges in Gen.Bool.Array[n * n]
        from keys in Gen.Int.Array[n]
        select (days, edges, Enumerable.Range(0, n).OrderBy(i => keys[i]).ThenBy(i => i).ToArray());

    [Fact]
    public void Deterministic_finish_equals_the_longest_path_found_by_enumerating_every_path()
    {
        Graphs.Sample(g =>
        {
            int n = g.Days.Length;
            var phases = g.Order.Select(i => Models.Phase($"p{i}", g.Days[i], [.. Enumerable.Range(0, i).Where(j => g.Edges[i * n + j]).Select(j => $"p{j}")])).ToList();
            var result = Models.Run(Models.Model(phases), trials: 3);

            double longest = Enumerable.Range(0, n).Max(i => LongestPathEndingAt(i, g.Days, g.Edges, n));
            Assert.Equal(longest, result.FullCapacity.SinceStart.P10.Days, 9);
            Assert.Equal(longest, result.FullCapacity.SinceStart.P90.Days, 9);
            // The phases marked critical form one chain whose durations add up to the longest path.
            double critical = result.Phases.Where(p => p.Criticality == 1).Sum(p => p.Duration.P50.Days);
            Assert.Equal(longest, critical, 9);
            Assert.All(result.Phases, p => Assert.True(p.Criticality is 0 or 1));
        }, iter: 200, threads: 1);
    }

    [Fact]
    public void A_phase_starts_when_the_last_phase_it_waits_for_finishes()
    {
        // site (10) -> building (30), power (45) -> halls (20) after both: halls finish at 45 + 20.
        var phases = new[]
        {
            Models.Phase("site", 10), Models.Phase("building", 30, "site"), Models.Phase("power", 45), Models.Phase("halls", 20, "building", "power"),
        };
        var result = Models.Run(Models.Model(phases));
        Assert.Equal(65, result.FullCapacity.SinceStart.P50.Days, 9);
        Assert.Equal(40, result.Phases.Single(p => p.Name == "building").Finish.P50.Days, 9);
        Assert.Equal([0.0, 0.0, 1.0, 1.0], result.Phases.Select(p => p.Criticality));
        Assert.Equal(Models.Start.AddDays(65), result.FullCapacity.Date.P50);
    }

    [Fact]
    public void Criticality_shares_add_up_over_two_competing_paths()
    {
        // Two independent uncertain paths into the finish: in every trial exactly one sets the date.
        var phases = new[]
        {
            Models.Phase("grid", Models.Days(300, 500, 900)), Models.Phase("building", Models.Days(400, 550, 700)),
            Models.Phase("commissioning", 60, "grid", "building"),
        };
        var result = Models.Run(Models.Model(phases), trials: 4000, seed: 3);
        var c = result.Phases.ToDictionary(p => p.Name, p => p.Criticality);
        Assert.Equal(1.0, c["grid"] + c["building"], 9);
        Assert.Equal(1.0, c["commissioning"]);
        Assert.InRange(c["grid"], 0.05, 0.95);
    }

    [Fact]
    public void Model_validation_rejects_a_cycle_built_in_code()
    {
        var phases = new[] { Models.Phase("a", 1, "b"), Models.Phase("b", 1, "a") };
        var bag = new DiagnosticBag();
        Assert.False(Models.Model(phases).Validate(bag));
        Assert.Contains(bag.Items, d => d.Code == DiagnosticCodes.Inconsistent && d.Rule.Contains("cycle", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => Models.Run(Models.Model(phases)));
    }

    private static double LongestPathEndingAt(int i, int[] days, bool[] edges, int n)
    {
        // Enumerates every path into i explicitly (no memo): an independent check of the simulator's forward pass.
        double best = 0;
        for (int j = 0; j < i; j++)
            if (edges[i * n + j]) best = Math.Max(best, LongestPathEndingAt(j, days, edges, n));
        return best + days[i];
    }
}
