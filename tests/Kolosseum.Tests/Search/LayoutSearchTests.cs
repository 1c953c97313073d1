using Kolosseum.Performance;
using Kolosseum.Search;
using Kolosseum.Tests.Performance;

namespace Kolosseum.Tests.Search;

public class LayoutSearchTests
{
    private static readonly PerformanceModel Small = PerformanceFixture.Model("llama3.1-8b", "H100-SXM-80GB", 64, 64);
    private static readonly PerformanceModel Moe = PerformanceFixture.Model("mixtral-8x7b", "H100-SXM-80GB", 128, 256, seq: 4096);

    [Fact]
    public void Every_returned_layout_satisfies_every_rule_and_fits()
    {
        foreach (var pm in new[] { Small, Moe })
        {
            long gpus = pm == Small ? 64 : 128;
            var result = LayoutSearch.Run(pm, gpus, SearchSpace.Full, topK: 50);
            Assert.NotEmpty(result.Best);
            foreach (var r in result.Best.Concat(result.Pareto))
            {
                Assert.Empty(LayoutRules.Check(pm.Model, pm.Training, r.Gpus, r.Layout));
                Assert.True(pm.Evaluate(r.Layout).Fits);
                Assert.True(r.Gpus <= gpus && r.Gpus >= 0.9 * gpus);
            }
        }
    }

    [Fact]
    public void The_result_does_not_depend_on_the_number_of_threads()
    {
        var one = LayoutSearch.Run(Moe, 128, SearchSpace.Full, 20, new SearchOptions { Threads = 1 });
        var many = LayoutSearch.Run(Moe, 128, SearchSpace.Full, 20, new SearchOptions { Threads = 3 });
        Assert.Equal(one.Evaluated, many.Evaluated);
        Assert.Equal(one.Feasible, many.Feasible);
        Assert.Equal(one.Rejected, many.Rejected);
        Assert.Equal(one.Best.Select(b => (b.Layout, b.TrainSeconds)), many.Best.Select(b => (b.Layout, b.TrainSeconds)));
        Assert.Equal(one.Pareto.Select(b => b.Layout), many.Pareto.Select(b => b.Layout));
    }

    [Fact]
    public void Pruning_never_drops_the_true_best()
    {
        // Brute force: every combination the search could consider, each checked and evaluated, none pruned.
        foreach (var (pm, gpus) in new[] { (Small, 64L), (Moe, 128L) })
        {
            var search = LayoutSearch.Run(pm, gpus, SearchSpace.Full, topK: 1);
            RankedLayout? best = null;
            int batch = pm.Training.GlobalBatch;
            foreach (int tp in LayoutRules.Divisors(pm.Model.Heads))
            foreach (int cp in new[] { 1, 2, 4, 8, 16, 32 })
            foreach (int pp in Enumerable.Range(1, pm.Model.Layers))
            foreach (int dp in LayoutRules.Divisors(batch))
            {
                long n = (long)tp * cp * pp * dp;
                if (n > gpus || n < 0.9 * gpus) continue;
                foreach (int ep in pm.Model.Moe is null ? [1] : LayoutRules.Divisors(pm.Model.Moe.Experts))
                foreach (int vpp in Enumerable.Range(1, 8))
                foreach (int zero in Enumerable.Range(0, 4))
                foreach (bool sp in new[] { false, true })
                foreach (var rc in Enum.GetValues<Recompute>())
                foreach (int mb in LayoutRules.Divisors(batch))
                {
                    var l = new Layout(tp, pp, vpp, dp, cp, ep, zero, sp, rc, mb);
                    if (LayoutRules.Check(pm.Model, pm.Training, n, l).Count > 0) continue;
                    var e = pm.Evaluate(l);
                    if (!e.Fits) continue;
                    var r = new RankedLayout(l, e, pm.Training.Steps * e.StepTime, pm);
                    if (best is null || RankedLayout.Compare(r, best.Value) < 0) best = r;
                }
            }
            Assert.NotNull(best);
            Assert.Equal(best.Value.TrainSeconds, search.Best[0].TrainSeconds, 12);
        }
    }

    [Fact]
    public void Rejections_are_counted_by_reason()
    {
        var result = LayoutSearch.Run(Moe, 128, SearchSpace.Full, 5);
        Assert.True(result.Rejected.ContainsKey(RejectionReason.TpNotDividingHeads)); // 32 heads, 8 kv heads: tp 16 and 32 fail
        Assert.True(result.Evaluated >= result.Feasible);
        Assert.Equal(result.Evaluated - result.Feasible, result.Rejected.GetValueOrDefault(RejectionReason.DoesNotFit));
    }

    [Fact]
    public void A_free_batch_lets_a_dp_that_divides_no_power_of_two_fill_the_cluster()
    {
        // 1000 GPUs: no dp that divides 512 or 1024 uses them all. With the batch free in [512, 1024] the search may take
        // e.g. dp 125 (tp 8) at a batch of 625; the batch stays a multiple of dp × micro-batch and every rule holds.
        var pm = PerformanceFixture.Model("llama3.1-8b", "H100-SXM-80GB", 1000, 512);
        pm = new PerformanceModel(pm.Model, pm.Training with { GlobalBatchMax = 1024 }, pm.Gpu, pm.Network);
        var fixedBatch = LayoutSearch.Run(pm, 1000, SearchSpace.Full, 3);
        var free = LayoutSearch.Run(pm, 1000, SearchSpace.Full with { FreeBatch = true }, 3);
        Assert.True(fixedBatch.Best[0].Gpus < 1000);
        var best = free.Best[0];
        Assert.Equal(1000, best.Gpus);
        Assert.NotEqual(0, best.GlobalBatch % 512);
        Assert.Equal(0, best.GlobalBatch % ((long)best.Layout.Dp * best.Layout.MicroBatch));
        Assert.InRange(best.GlobalBatch, 512, 1024);
        Assert.Empty(LayoutRules.Check(best.Model.Model, best.Model.Training, 1000, best.Layout));
        // Days for the same tokens: the layout that fills the cluster trains them sooner.
        Assert.True(best.TrainSeconds < fixedBatch.Best[0].TrainSeconds);
    }

    [Fact]
    public void A_cluster_that_factors_badly_keeps_spares_and_says_so()
    {
        // 1000 GPUs with a batch of 512: dp must divide 512, so no layout uses all 1000.
        var pm = PerformanceFixture.Model("llama3.1-8b", "H100-SXM-80GB", 1000, 512);
        var result = LayoutSearch.Run(pm, 1000, SearchSpace.Full, 3);
        Assert.NotEmpty(result.Best);
        Assert.All(result.Best, b => Assert.True(b.Gpus < 1000));
        Assert.True(result.Pareto.Count >= 1);
        // The front is ordered by GPUs and strictly faster as GPUs grow.
        for (int i = 1; i < result.Pareto.Count; i++)
        {
            Assert.True(result.Pareto[i].Gpus > result.Pareto[i - 1].Gpus);
            Assert.True(result.Pareto[i].TrainSeconds < result.Pareto[i - 1].TrainSeconds);
        }
    }

    [Fact]
    public void Fp8_on_a_gpu_without_fp8_finds_nothing_and_says_why()
    {
        var pm = PerformanceFixture.Model("llama3.1-8b", "A100-SXM-80GB", 64, 64, Kolosseum.Hardware.Precision.Fp8);
        var result = LayoutSearch.Run(pm, 64, SearchSpace.Full, 3);
        Assert.Empty(result.Best);
        Assert.True(result.Rejected.ContainsKey(RejectionReason.PrecisionUnsupported));
    }
}
