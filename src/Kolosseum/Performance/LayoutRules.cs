using Kolosseum.Units;
using Kolosseum.Workload;

namespace Kolosseum.Performance;

/// <summary>Why a layout is not valid; the search counts rejections by these.</summary>
public enum LayoutRule
{
    TpDividesHeads,
    PpAtMostLayers,
    VirtualStages,
    CpDividesSequence,
    ExpertParallel,
    ZeroStage,
    DegreeProduct,
    MicroBatchDividesBatch,
    SequenceParallelNeedsTp,
    PositiveDegrees,
}

/// <summary>One broken rule, with the offending field, its value, the rule in words and the valid values.</summary>
public sealed record LayoutViolation(LayoutRule Rule, string Field, string Value, string Message, string? Valid);

/// <summary>The divisibility and product rules every layout must satisfy (docs/performance-model.md, "Layouts").</summary>
public static class LayoutRules
{
    public static IReadOnlyList<LayoutViolation> Check(ModelSpec model, TrainingSpec training, long gpus, Layout l)
    {
        var v = new List<LayoutViolation>();
        if (l.Tp < 1 || l.Pp < 1 || l.Vpp < 1 || l.Dp < 1 || l.Cp < 1 || l.Ep < 1 || l.MicroBatch < 1)
        {
            v.Add(new(LayoutRule.PositiveDegrees, "layout", l.ToString(), "every degree and the micro-batch must be at least 1", null));
            return v;
        }
        if (model.Heads % l.Tp != 0 || model.KvHeads % l.Tp != 0)
        {
            v.Add(new(LayoutRule.TpDividesHeads, "tp", l.Tp.Inv(),
                model.KvHeads != model.Heads
                    ? $"must divide attention heads ({model.Heads.Inv()}) and kv heads ({model.KvHeads.Inv()})"
                    : $"must divide attention heads ({model.Heads.Inv()})",
                "valid: " + string.Join(", ", ValidTp(model))));
        }
        if (l.Pp > model.Layers)
            v.Add(new(LayoutRule.PpAtMostLayers, "pp", l.Pp.Inv(), $"cannot exceed the number of layers ({model.Layers.Inv()})", $"valid: 1..{model.Layers.Inv()}"));
        if (l.Vpp > 1)
        {
            if (l.Pp < 2)
                v.Add(new(LayoutRule.VirtualStages, "vpp", l.Vpp.Inv(), "virtual pipeline stages need pp > 1", "use vpp 1"));
            else if ((long)l.Pp * l.Vpp > model.Layers)
                v.Add(new(LayoutRule.VirtualStages, "vpp", l.Vpp.Inv(), $"pp × vpp ({((long)l.Pp * l.Vpp).Inv()}) cannot exceed the number of layers ({model.Layers.Inv()})",
                    $"valid: 1..{(model.Layers / l.Pp).Inv()}"));
        }
        if (l.Cp > 1 && training.SeqLen % (2 * l.Cp) != 0)
            v.Add(new(LayoutRule.CpDividesSequence, "cp", l.Cp.Inv(),
                $"2 × cp must divide the sequence length ({training.SeqLen.Inv()}): ring attention splits each sequence into 2·cp balanced chunks", null));
        if (l.Ep > 1)
        {
            if (model.Moe is null)
                v.Add(new(LayoutRule.ExpertParallel, "ep", l.Ep.Inv(), $"expert parallelism needs a mixture-of-experts model ({model.Name} is dense)", "use ep 1"));
            else if (model.Moe.Experts % l.Ep != 0)
                v.Add(new(LayoutRule.ExpertParallel, "ep", l.Ep.Inv(), $"must divide the number of experts ({model.Moe.Experts.Inv()})", null));
            else if (l.Etp == l.Tp && ((long)l.Dp * l.Cp) % l.Ep != 0)
                v.Add(new(LayoutRule.ExpertParallel, "ep", l.Ep.Inv(), $"must divide dp × cp ({((long)l.Dp * l.Cp).Inv()}): expert-parallel ranks are carved out of the data-parallel ranks",
                    l.Tp > 1 && ((long)l.Tp * l.Dp * l.Cp) % l.Ep == 0 ? "or set expert_tp 1 to carve them out of tp × dp × cp" : null));
        }
        if (l.ExpertTp != 0 && l.ExpertTp != l.Tp)
        {
            if (model.Moe is null)
                v.Add(new(LayoutRule.ExpertParallel, "expert_tp", l.ExpertTp.Inv(), $"an expert tensor-parallel degree needs a mixture-of-experts model ({model.Name} is dense)", null));
            else if (l.ExpertTp < 1 || l.Tp % l.ExpertTp != 0)
                v.Add(new(LayoutRule.ExpertParallel, "expert_tp", l.ExpertTp.Inv(), $"must divide tp ({l.Tp.Inv()})", "valid: " + string.Join(", ", Divisors(l.Tp))));
            else if (l.ExpertRanks % l.Ep != 0)
                v.Add(new(LayoutRule.ExpertParallel, "ep", l.Ep.Inv(), $"must divide tp × dp × cp / expert_tp ({l.ExpertRanks.Inv()}): the expert grid is expert_tp × ep × expert-dp", null));
        }
        if (l.Zero is < 0 or > 3)
            v.Add(new(LayoutRule.ZeroStage, "zero", l.Zero.Inv(), "must be 0, 1, 2 or 3", "valid: 0, 1, 2, 3"));
        long product = (long)l.Tp * l.Pp * l.Cp * l.Dp;
        if (product != gpus)
            v.Add(new(LayoutRule.DegreeProduct, "dp", l.Dp.Inv(),
                $"tp × pp × cp × dp = {product.Inv()} must equal the GPU count ({gpus.Inv()})",
                gpus % ((long)l.Tp * l.Pp * l.Cp) == 0 ? $"dp = {(gpus / ((long)l.Tp * l.Pp * l.Cp)).Inv()}" : null));
        if (training.GlobalBatch % ((long)l.Dp * l.MicroBatch) != 0)
            v.Add(new(LayoutRule.MicroBatchDividesBatch, "micro_batch", l.MicroBatch.Inv(),
                $"dp × micro_batch ({((long)l.Dp * l.MicroBatch).Inv()}) must divide the global batch ({training.GlobalBatch.Inv()} sequences)",
                training.GlobalBatch % l.Dp == 0 ? "valid: " + string.Join(", ", Divisors(training.GlobalBatch / l.Dp).Take(12)) : $"dp ({l.Dp.Inv()}) must divide the global batch first"));
        else if (l.Vpp > 1 && l.MicroBatches(training.GlobalBatch) % l.Pp != 0)
            v.Add(new(LayoutRule.VirtualStages, "vpp", l.Vpp.Inv(),
                $"the interleaved schedule needs the number of micro-batches ({l.MicroBatches(training.GlobalBatch).Inv()}) to be a multiple of pp ({l.Pp.Inv()})", "use vpp 1 or change the micro-batch"));
        if (l.SequenceParallel && l.Tp == 1)
            v.Add(new(LayoutRule.SequenceParallelNeedsTp, "sequence_parallel", "true", "sequence parallelism splits along the tensor-parallel group and needs tp > 1", "set sequence_parallel: false"));
        return v;
    }

    /// <summary>Tensor-parallel degrees that divide both the attention heads and the kv heads.</summary>
    public static IEnumerable<int> ValidTp(ModelSpec model) => Divisors(model.Heads).Where(t => model.KvHeads % t == 0);

    public static IEnumerable<int> Divisors(long n)
    {
        var small = new List<int>();
        var large = new List<int>();
        for (long i = 1; i * i <= n; i++)
        {
            if (n % i != 0) continue;
            small.Add((int)i);
            if (i != n / i) large.Add((int)(n / i));
        }
        large.Reverse();
        return small.Concat(large);
    }
}
