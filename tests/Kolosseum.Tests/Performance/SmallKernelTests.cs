using Kolosseum.Performance;

namespace Kolosseum.Tests.Performance;

/// <summary>
/// Splitting the same work finer is never free (docs/performance-model.md, "Small kernels"): every piece pays its
/// kernel launches, each GEMM tile a fixed prologue and a last wave that may run part-empty, each ring step of
/// context parallelism a launch and an output merge. On the same GPUs, a finer split of a step's work never
/// leaves a GPU less compute to do, and a finer ring or micro-batch always leaves it more.
/// </summary>
public class SmallKernelTests
{
    public static TheoryData<string, int> Models => new()
    {
        { "llama3.1-8b", 8192 },
        { "llama3.1-70b", 8192 },
        { "gpt3-175b", 2048 },
        { "llama3.1-8b", 32768 },
    };

    private static PerformanceModel Model(string id, int seq) => PerformanceFixture.Model(id, "H100-SXM-80GB", 1024, 1024, seq: seq);

    [Theory]
    [MemberData(nameof(Models))]
    public void A_finer_ring_costs_every_gpu_more_compute_than_its_share(string id, int seq)
    {
        var model = Model(id, seq);
        for (int cp = 1; cp <= 8; cp *= 2)
        {
            var coarse = model.Evaluate(new Layout(8, 1, 1, 128 / cp, cp, 1, 1, true, Recompute.None, 1));
            var fine = model.Evaluate(new Layout(8, 1, 1, 64 / cp, 2 * cp, 1, 1, true, Recompute.None, 1));
            // Same GPUs, the same tokens per GPU per step: each GPU computes a half-length sequence piece twice as often.
            Assert.True(fine.Compute > coarse.Compute, $"{id} seq {seq}: cp {2 * cp} {fine.Compute:F4} s vs cp {cp} {coarse.Compute:F4} s");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Smaller_micro_batches_cost_every_gpu_more_compute(string id, int seq)
    {
        var model = Model(id, seq);
        for (int mb = 1; mb <= 4; mb *= 2)
        {
            var fine = model.Evaluate(new Layout(8, 4, 1, 32, 1, 1, 1, true, Recompute.None, mb));
            var coarse = model.Evaluate(new Layout(8, 4, 1, 32, 1, 1, 1, true, Recompute.None, 2 * mb));
            Assert.True(fine.Compute > coarse.Compute, $"{id} seq {seq}: mb {mb} {fine.Compute:F4} s vs mb {2 * mb} {coarse.Compute:F4} s");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Finer_pipeline_stages_never_cost_a_stage_less_than_its_share(string id, int seq)
    {
        var model = Model(id, seq);
        foreach (int pp in new[] { 1, 2, 4 })
        {
            var coarse = model.Evaluate(new Layout(8, pp, 1, 128 / pp, 1, 1, 1, true, Recompute.None, 1));
            var fine = model.Evaluate(new Layout(8, 2 * pp, 1, 64 / pp, 1, 1, 1, true, Recompute.None, 1));
            // Half the layers for twice the micro-batches: at least the same work on the critical stage.
            Assert.True(fine.Compute >= coarse.Compute * (1 - 1e-12), $"{id} seq {seq}: pp {2 * pp} {fine.Compute:F4} s vs pp {pp} {coarse.Compute:F4} s");
        }
    }
}
