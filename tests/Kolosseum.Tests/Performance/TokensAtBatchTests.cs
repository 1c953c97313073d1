using CsCheck;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Search;
using Xunit;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// D(B) = D_ref (1 + B / B_noise) / (1 + B_ref / B_noise), McCandlish et al. 2018 (arXiv 1812.06162) with the
/// scenario's token budget read at its own batch (docs/search.md, "Tokens at a batch").
/// </summary>
public sealed class TokensAtBatchTests
{
    private static TrainingSpec Spec(int batch, double? noise, int seq = 4096) => new()
    {
        Tokens = 1e12, GlobalBatch = batch, GlobalBatchMax = 64 * batch, SeqLen = seq, Precision = Precision.Bf16, Attention = AttentionKernel.Flash,
        ReferenceBatch = batch, NoiseScaleTokens = noise,
    };

    [Fact]
    public void At_the_scenarios_batch_the_run_needs_the_scenarios_tokens()
    {
        Gen.Int[1, 100_000].Select(Gen.Double[1e4, 1e11]).Sample((batch, noise) =>
        {
            var spec = Spec(batch, noise);
            Assert.Equal(spec.Tokens, spec.TokensAt(batch));
            Assert.Equal(spec.Tokens, spec.AtBatch(batch).Tokens);
        });
    }

    [Fact]
    public void Tokens_grow_with_the_batch_and_follow_the_closed_form()
    {
        Gen.Int[1, 10_000].Select(Gen.Int[1, 50_000], Gen.Int[1, 50_000], Gen.Double[1e4, 1e11]).Sample((reference, b1, b2, noise) =>
        {
            var spec = Spec(reference, noise);
            var (small, large) = (Math.Min(b1, b2), Math.Max(b1, b2));
            Assert.True(spec.TokensAt(small) <= spec.TokensAt(large));
            // D_min = D(B) / (1 + B / B_noise) is one number whichever batch it is read at.
            double dMin(int b) => spec.TokensAt(b) / (1 + (double)b * spec.SeqLen / noise);
            Assert.Equal(dMin(small), dMin(large), dMin(large) * 1e-12);
            Assert.Equal(dMin(reference), dMin(large), dMin(large) * 1e-12);
        });
    }

    [Fact]
    public void Far_below_the_critical_batch_the_batch_costs_almost_nothing()
    {
        // B and B_ref a thousandth of B_noise: D(B)/D(B_ref) - 1 = (B - B_ref) / (B_noise + B_ref), under 1e-3.
        var spec = Spec(256, noise: 1000.0 * 1024 * 4096);
        double factor = spec.TokenFactor(1024);
        Assert.InRange(factor - 1, 0, 1e-3);
        Assert.Equal((1024 - 256) * 4096 / (1000.0 * 1024 * 4096 + 256 * 4096), factor - 1, 1e-12);
        // No B_noise: no penalty at all.
        Assert.Equal(1, Spec(256, null).TokenFactor(8192));
    }

    [Fact]
    public void A_run_moved_to_another_batch_keeps_the_budget_and_the_range_of_the_scenario()
    {
        var spec = Spec(2048, noise: 3.2e7, seq: 8192);
        var moved = spec.AtBatch(8192);
        Assert.Equal(spec.Tokens * (1 + 8192.0 * 8192 / 3.2e7) / (1 + 2048.0 * 8192 / 3.2e7), moved.Tokens, 1e-3);
        Assert.Equal(spec.Tokens, moved.ScenarioTokens);
        Assert.Equal(spec.Tokens, moved.AtBatch(2048).Tokens, 1e-3);
        Assert.Equal(2048, moved.Reference);
    }

    /// <summary>The fastest layout over the anchor batches, as the plan's layout choice takes it.</summary>
    private static RankedLayout Fastest(PerformanceModel pm, long gpus) =>
        pm.Training.BatchChoices().Select(b => LayoutSearch.Run(pm.AtBatch(b), gpus, SearchSpace.Full, 1).Best[0])
            .Aggregate((a, b) => RankedLayout.Compare(a, b) <= 0 ? a : b);

    [Fact]
    public void A_larger_batch_with_a_faster_step_loses_to_a_smaller_one_once_the_critical_batch_is_small()
    {
        var basis = PerformanceFixture.Model("llama3.1-8b", "H100-SXM-80GB", 64, 64);
        PerformanceModel With(double noise) => new(basis.Model, basis.Training with { GlobalBatchMax = 1024, ReferenceBatch = 64, NoiseScaleTokens = noise }, basis.Gpu, basis.Network);
        int seq = basis.Training.SeqLen;

        // B_noise far above every batch: the larger batch delivers more tokens a second and wins.
        var free = Fastest(With(1e15), 64);
        var atReference = LayoutSearch.Run(With(1e15), 64, SearchSpace.Full, 1).Best[0];
        Assert.True(free.GlobalBatch > 64, $"batch {free.GlobalBatch}");
        Assert.True(free.Estimate.TokensPerSecond > atReference.Estimate.TokensPerSecond);

        // B_noise at the scenario's batch: a larger batch needs (1 + B/B_noise)/2 times the tokens and the smaller batch wins.
        var small = With(64.0 * seq);
        var chosen = Fastest(small, 64);
        Assert.True(chosen.GlobalBatch < free.GlobalBatch, $"batch {chosen.GlobalBatch} against {free.GlobalBatch}");
        var largeAgain = LayoutSearch.Run(small.AtBatch(free.GlobalBatch), 64, SearchSpace.Full, 1).Best[0];
        Assert.True(largeAgain.Estimate.TokensPerSecond > chosen.Estimate.TokensPerSecond, "the larger batch still steps faster");
        Assert.True(largeAgain.TrainSeconds > chosen.TrainSeconds, "but needs more tokens, so it trains longer");
        // Each layout's days are for the tokens at its own batch.
        Assert.Equal(small.Training.TokensAt(free.GlobalBatch) / largeAgain.Estimate.TokensPerSecond, largeAgain.TrainSeconds, largeAgain.TrainSeconds * 1e-9);
    }
}
