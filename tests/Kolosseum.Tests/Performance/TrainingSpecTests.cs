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
    public void Batch_range_names_the_first_and_last_choice()
    {
        Assert.Equal("2048", Spec(2048, null).BatchRange());
        Assert.Equal("2048", Spec(2048, 4000).BatchRange());
        Assert.Equal("2048–8192", Spec(2048, 8192).BatchRange());
        Assert.Equal("1536–6144", Spec(1536, 8000).BatchRange());
    }
}
