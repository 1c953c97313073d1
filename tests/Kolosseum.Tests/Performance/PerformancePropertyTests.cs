using CsCheck;
using Kolosseum.Hardware;
using Kolosseum.Performance;

namespace Kolosseum.Tests.Performance;

/// <summary>Physics the model must respect for any valid layout (CsCheck generates the layouts).</summary>
public class PerformancePropertyTests
{
    // A dense GQA model and a GPT-style MHA model, on H100 and A100.
    private static readonly PerformanceModel Llama = PerformanceFixture.Model("llama3.1-70b", "H100-SXM-80GB", 4096, 1024);
    private static readonly PerformanceModel Gpt = PerformanceFixture.Model("gpt3-175b", "A100-SXM-80GB", 4096, 1536, Precision.Fp16);
    private static readonly PerformanceModel Mixtral = PerformanceFixture.Model("mixtral-8x7b", "H100-SXM-80GB", 4096, 1024, seq: 4096);

    private static readonly Gen<PerformanceModel> Models = Gen.OneOfConst(Llama, Gpt, Mixtral);

    /// <summary>Valid layouts of a model: degrees drawn from its divisors, dp from the batch.</summary>
    private static Gen<Layout> Layouts(PerformanceModel pm, bool evenPp = false) =>
        from tp in Gen.OneOfConst(LayoutRules.ValidTp(pm.Model).Where(t => t <= 16).ToArray())
        from pp in Gen.OneOfConst(LayoutRules.Divisors(pm.Model.Layers).Where(p => p <= 16 && (!evenPp || pm.Model.Layers % p == 0)).ToArray())
        from dpExp in Gen.Int[0, 4]
        from cp in Gen.OneOfConst(1, 2)
        from zero in Gen.Int[0, 3]
        from recompute in Gen.Enum<Recompute>()
        from mbExp in Gen.Int[0, 2]
        from sp in Gen.Bool
        let dp = 1 << dpExp
        let mb = 1 << mbExp
        let ep = pm.Model.Moe is null ? 1 : Math.Min(pm.Model.Moe.Experts, dp * cp)
        select new Layout(tp, pp, 1, dp, cp, ep, zero, sp && tp > 1, recompute, mb);

    private static bool Valid(PerformanceModel pm, Layout l) => LayoutRules.Check(pm.Model, pm.Training, l.Gpus, l).Count == 0;

    [Fact]
    public void Step_time_is_never_below_the_work_at_peak()
    {
        Models.SelectMany(pm => Layouts(pm).Select(l => (pm, l))).Where(x => Valid(x.pm, x.l)).Sample(x =>
        {
            var e = x.pm.Evaluate(x.l);
            double peak = x.pm.Gpu.Peak(x.pm.Training.Precision).Value;
            // Hardware FLOPs per GPU at the dense peak are a strict lower bound on the step time.
            return e.StepTime >= e.HardwareFlopsPerStep / (x.l.Gpus * peak);
        }, iter: 2000);
    }

    [Fact]
    public void Time_parts_add_up_to_the_step_time()
    {
        Models.SelectMany(pm => Layouts(pm).Select(l => (pm, l))).Where(x => Valid(x.pm, x.l)).Sample(x =>
        {
            var e = x.pm.Evaluate(x.l);
            double sum = e.Compute + e.TpExposed + e.CpExposed + e.EpExposed + e.PpExposed + e.Bubble + e.DpExposed + e.Optimizer;
            return Math.Abs(sum - e.StepTime) <= 1e-9 * e.StepTime && e.Bubble >= -1e-12 && e.DpExposed <= e.DpTotal + 1e-12;
        }, iter: 2000);
    }

    [Fact]
    public void Memory_per_gpu_never_grows_when_tensor_parallelism_grows()
    {
        Models.SelectMany(pm => Layouts(pm).Select(l => (pm, l))).Where(x => Valid(x.pm, x.l)).Sample(x =>
        {
            var next = LayoutRules.ValidTp(x.pm.Model).Where(t => t > x.l.Tp).Cast<int?>().FirstOrDefault();
            if (next is null) return true;
            var bigger = x.l with { Tp = next.Value };
            if (!Valid(x.pm, bigger)) return true;
            return x.pm.Evaluate(bigger).MemoryBytes <= x.pm.Evaluate(x.l).MemoryBytes * (1 + 1e-12);
        }, iter: 2000);
    }

    [Fact]
    public void Memory_per_gpu_never_grows_when_pipeline_parallelism_grows()
    {
        // With an even split every stage holds layers/pp layers and pp micro-batches in flight, so activations
        // stay constant and weights shrink. (An uneven split may add a layer to the first stage.)
        Models.SelectMany(pm => Layouts(pm, evenPp: true).Select(l => (pm, l))).Where(x => Valid(x.pm, x.l)).Sample(x =>
        {
            var next = LayoutRules.Divisors(x.pm.Model.Layers).Where(p => p > x.l.Pp).Cast<int?>().FirstOrDefault();
            if (next is null) return true;
            var bigger = x.l with { Pp = next.Value };
            if (!Valid(x.pm, bigger)) return true;
            return x.pm.Evaluate(bigger).MemoryBytes <= x.pm.Evaluate(x.l).MemoryBytes * (1 + 1e-12);
        }, iter: 2000);
    }

    [Fact]
    public void A_higher_zero_stage_never_needs_more_memory()
    {
        // ZeRO-3 keeps two gathered layers in flight: the sharding must save more than that, which needs at
        // least two ranks to shard over (experts shard over dp·cp/ep ranks) and several layers per stage.
        Models.SelectMany(pm => Layouts(pm).Select(l => (pm, l)))
            .Where(x => Valid(x.pm, x.l) && x.l.Zero < 3 && x.l.Dp * x.l.Cp / x.l.Ep >= 2 && x.pm.Model.Layers / x.l.Pp >= 8)
            .Sample(x =>
            {
                var next = x.l with { Zero = x.l.Zero + 1 };
                return x.pm.Evaluate(next).MemoryBytes <= x.pm.Evaluate(x.l).MemoryBytes * (1 + 1e-12);
            }, iter: 2000);
    }

    [Fact]
    public void Doubling_data_parallelism_at_fixed_per_replica_batch_adds_only_data_parallel_communication()
    {
        var small = PerformanceFixture.Model("llama3.1-70b", "H100-SXM-80GB", 8192, 512);
        var network = small.Network;
        var training2 = small.Training with { GlobalBatch = 1024 };
        var big = new PerformanceModel(small.Model, training2, small.Gpu, network);
        Layouts(small).Where(l => Valid(small, l) && Valid(big, l with { Dp = l.Dp * 2 })).Sample(l =>
        {
            var a = small.Evaluate(l);
            var b = big.Evaluate(l with { Dp = l.Dp * 2 });
            double added = b.DpExposed - a.DpExposed;
            double optimizerSaved = a.Optimizer - b.Optimizer;
            // Each replica does the same work; only the gradient reduction spans twice the ranks (and a
            // sharded optimizer has half the shard to update).
            double delta = b.StepTime - a.StepTime;
            return delta <= added + 1e-9 * a.StepTime && delta >= added - optimizerSaved - 1e-9 * a.StepTime && b.DpTotal >= a.DpTotal - 1e-12;
        }, iter: 1000);
    }

    [Fact]
    public void Evaluating_a_layout_allocates_nothing()
    {
        var l = new Layout(8, 8, 2, 64, 1, 1, 1, true, Recompute.Selective, 1);
        Llama.Evaluate(l);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Llama.Evaluate(l);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
