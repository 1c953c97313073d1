using Kolosseum.Performance;

namespace Kolosseum.Tests.Performance;

/// <summary>Memory is reported for the fullest pipeline stage, which is not always the first.</summary>
public class StageMemoryTests
{
    private static readonly PerformanceModel Llama405 = PerformanceFixture.Model("llama3.1-405b", "H100-SXM-80GB", 8192, 2048, seq: 8192);

    private static Layout OneFOneB(int pp) => new(8, pp, 1, 64, 1, 1, 1, true, Recompute.None, 1);

    [Fact]
    public void With_an_uneven_split_the_second_stage_holds_one_layer_more_for_one_micro_batch_fewer()
    {
        // 126 layers: pp 14 splits evenly (9 each, the first stage holds 14 micro-batches in flight);
        // pp 16 gives the first and last stage 7 and the others 8, and stage 1 holds 15 micro-batches.
        var even = Llama405.Evaluate(OneFOneB(14));
        var uneven = Llama405.Evaluate(OneFOneB(16));
        Assert.Equal(0, even.FullestStage);
        Assert.Equal(1, uneven.FullestStage);
        // Same tokens per micro-batch, so the same bytes per layer: the ratio is layer-micro-batches, 8·15 / (9·14).
        Assert.Equal(8.0 * 15 / (9 * 14), uneven.ActivationBytes / even.ActivationBytes, 1e-9);
    }

    [Fact]
    public void Interleaving_keeps_more_in_flight_on_every_stage_than_one_f_one_b()
    {
        var plain = Llama405.Evaluate(OneFOneB(16));
        foreach (int vpp in new[] { 2, 4, 7 })
        {
            var interleaved = Llama405.Evaluate(OneFOneB(16) with { Vpp = vpp });
            Assert.True(interleaved.ActivationBytes > plain.ActivationBytes, $"vpp {vpp}");
        }
    }

    [Fact]
    public void The_reported_memory_is_the_largest_stage_and_names_it()
    {
        foreach (int pp in new[] { 2, 8, 14, 16 })
            foreach (int vpp in new[] { 1, 2, 7 })
            {
                var layout = OneFOneB(pp) with { Vpp = vpp };
                if (vpp > 1 && pp * vpp > 126) continue;
                var e = Llama405.Evaluate(layout);
                var stages = Llama405.MemoryByStage(layout);
                Assert.Equal(pp, stages.Length);
                Assert.Equal(stages.Max(), e.MemoryBytes, 1e-6 * e.MemoryBytes);
                Assert.Equal(stages.Max(), stages[e.FullestStage], 1e-6 * e.MemoryBytes);
                // The middle stages hold the same layers and fewer micro-batches the later they come.
                for (int s = 2; s < pp - 1; s++)
                    Assert.True(stages[s] <= stages[s - 1] * (1 + 1e-12), $"pp {pp} vpp {vpp}: stage {s} {stages[s]:E3} > stage {s - 1} {stages[s - 1]:E3}");
            }
    }
}
