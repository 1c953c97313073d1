using CsCheck;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Xunit;

namespace Kolosseum.Tests.Performance;

public sealed class TrainingSpecTests
{
    private static TrainingSpec Spec(int batch, int? max) => new()
    {
        Tokens = 1e12, GlobalBatch = batch, GlobalBatchMax = max, SeqLen = 4096, Precision = Precision.Bf16, Attention = AttentionKernel.Flash,
    };

    [Fact]
    public void Batch_choices_double_from_the_batch_and_never_pass_the_maximum()
    {
        Gen.Int[1, 100_000].Select(Gen.Int[0, 12], Gen.Bool).Sample((batch, doublings, exact) =>
        {
            int? max = exact ? null : (int)Math.Min(int.MaxValue, (long)batch << doublings);
            var choices = Spec(batch, max).BatchChoices().ToList();
            Assert.Equal(batch, choices[0]);
            Assert.All(choices.Zip(choices.Skip(1)), p => Assert.Equal(2L * p.First, p.Second));
            if (max is null) Assert.Single(choices);
            else
            {
                Assert.True(choices[^1] <= max);
                Assert.True(2L * choices[^1] > max, "one more doubling would still fit under the maximum");
            }
        });
    }

    [Fact]
    public void Batch_range_names_the_smallest_and_largest_batch_the_search_may_choose()
    {
        Assert.Equal("2048", Spec(2048, null).BatchRange());
        Assert.Equal("2048–4000", Spec(2048, 4000).BatchRange());
        Assert.Equal("2048–8192", Spec(2048, 8192).BatchRange());
        Assert.Equal("1000–8000", (Spec(1536, 8000) with { GlobalBatchMin = 1000 }).BatchRange());
    }

    [Fact]
    public void Batches_near_a_dp_are_multiples_of_it_next_to_the_batch_and_inside_the_range()
    {
        Gen.Int[1, 100_000].Select(Gen.Int[1, 5000], Gen.Int[0, 4], Gen.Int[0, 4]).Sample((batch, dp, below, above) =>
        {
            var spec = Spec(batch, batch << above) with { GlobalBatchMin = Math.Max(1, batch >> below) };
            var near = spec.BatchesNear(dp).ToList();
            Assert.InRange(near.Count, batch % dp == 0 ? 1 : 0, batch % dp == 0 ? 1 : 2);
            foreach (int b in near)
            {
                Assert.Equal(0, b % dp);
                Assert.InRange(b, spec.LowestBatch, spec.HighestBatch);
                Assert.True(Math.Abs(b - batch) < dp || b == batch, "only the multiples next to the batch");
            }
            // The multiple above is offered whenever the range holds it.
            long next = ((long)batch / dp + 1) * dp;
            if (batch % dp != 0 && next <= spec.HighestBatch) Assert.Contains((int)next, near);
        });
    }

    [Fact]
    public void A_run_at_another_batch_keeps_the_scenarios_batch_and_range()
    {
        var spec = Spec(2048, 8192) with { ReferenceBatch = 2048 };
        var moved = spec.AtBatch(2064);
        Assert.Equal(2064, moved.GlobalBatch);
        Assert.Equal(2048, moved.Reference);
        Assert.Equal((2048, 8192), (moved.LowestBatch, moved.HighestBatch));
        Assert.Same(spec, spec.AtBatch(2048));
    }
}
