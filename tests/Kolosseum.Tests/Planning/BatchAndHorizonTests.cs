using Kolosseum.Planning;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// The default plan's batch beside the scenario's own (docs/plan.md, "Batch"), and its horizon costs at equal GPU count
/// and per GPU-year (docs/economics.md, "At equal GPU count").
/// </summary>
public sealed class BatchAndHorizonTests
{
    [Fact]
    public void Each_option_shows_its_days_at_the_searched_batch_and_at_the_scenarios_batch()
    {
        var plan = PlanFixtures.Default.Plan;
        var scenario = plan.Scenario.Training;
        double slack = plan.Scenario.Sections.Get<SearchSettings>().DaysSlack;
        foreach (var p in plan.Options)
        {
            var b = p.BatchDays!;
            Assert.Equal(p.Training.GlobalBatch, b.SearchedBatch);
            Assert.Equal(scenario.GlobalBatch, b.ReferenceBatch);
            Assert.Equal(scenario.Tokens, b.ReferenceTokens);
            // The searched batch's tokens follow D(B) = D_ref (1 + B/B_noise) / (1 + B_ref/B_noise).
            Assert.Equal(scenario.TokensAt(b.SearchedBatch), b.SearchedTokens, b.SearchedTokens * 1e-12);
            Assert.InRange(b.SearchedBatch, scenario.LowestBatch, scenario.HighestBatch);
            Assert.NotNull(b.ReferenceDays);
            // The searched batch was chosen among layouts that include the scenario's batch: it is not later, beyond the ranking's slack.
            Assert.True(b.SearchedDays <= b.ReferenceDays!.Value * (1 + 2 * slack), $"{p.Option.Name}: {b.SearchedDays} against {b.ReferenceDays}");
            var reference = b.ReferenceLayout!.Value;
            Assert.Equal(0, scenario.GlobalBatch % ((long)reference.Dp * reference.MicroBatch));
            Assert.Contains("the scenario's", b.Describe(p.Training.SeqLen), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_layout_at_the_scenarios_batch_carries_its_validity_note_like_every_searched_layout()
    {
        // The default Rent option runs the scenario's 2,048 sequences best as tp 8, pp 43, cp 8 (the layout the
        // reviewer flagged): printed beside the chosen batch, it must say which of its features lie outside the runs.
        var plan = PlanFixtures.Default.Plan;
        bool anyOutside = false;
        foreach (var p in plan.Options)
        {
            var b = p.BatchDays!;
            if (b.Same || b.ReferenceLayout is not { } reference) continue;
            var outside = Kolosseum.Validation.ValidatedEnvelope.Embedded.OutsideShape(in reference, p.Training.SeqLen);
            Assert.Equal(outside, b.ReferenceOutsideShape(p.Training.SeqLen));
            string line = b.Describe(p.Training.SeqLen);
            Assert.All(outside, note => Assert.Contains(note, line, StringComparison.Ordinal));
            Assert.Contains(outside.Count == 0 ? "inside the validated runs" : "outside the validated runs", line, StringComparison.Ordinal);
            anyOutside |= outside.Count > 0;
        }
        Assert.True(anyOutside, "no option's scenario-batch layout lies outside the validated runs: the test lost its case");
    }

    [Fact]
    public void The_horizon_cost_per_gpu_year_times_gpus_and_years_is_the_total_and_equal_gpu_counts_scale_it()
    {
        var plan = PlanFixtures.Default.Plan;
        var perGpuYear = plan.Comparison.Criteria.Single(c => c.Key == "tco_per_gpu_year");
        var equal = plan.Comparison.Criteria.Single(c => c.Key == "tco_equal_gpus");
        long n = Comparison.EqualGpus(plan.Options);
        Assert.Equal(plan.Options.Max(p => p.Cost.Gpus), n);
        Assert.Contains(n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), equal.Name, StringComparison.Ordinal);
        for (int i = 0; i < plan.Options.Count; i++)
        {
            var p = plan.Options[i];
            double total = Comparison.Tco(p);
            Assert.Equal(total, perGpuYear.Values[i] * p.Cost.Gpus * p.Cost.Horizon.Years, total * 1e-12);
            Assert.Equal(total * n / p.Cost.Gpus, equal.Values[i], total * 1e-12);
        }
        // At equal GPU count the per-GPU figure decides (one horizon for every option): the two rows name the same winner.
        Assert.Equal(perGpuYear.Winner, equal.Winner);
    }
}
