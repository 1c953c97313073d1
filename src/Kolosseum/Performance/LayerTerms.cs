namespace Kolosseum.Performance;

/// <summary>The degrees per-layer terms depend on.</summary>
public readonly record struct LayerKey(int Tp, int Cp, int Ep, int MicroBatch, bool SequenceParallel, int Etp = 0)
{
    public bool Matches(in Layout l) => l.Tp == Tp && l.Cp == Cp && l.Ep == Ep && l.MicroBatch == MicroBatch && l.SequenceParallel == SequenceParallel
        && l.Etp == (Etp == 0 ? Tp : Etp);
}

public sealed partial class PerformanceModel
{
    /// <summary>
    /// Per-layer kernel times and per-collective communication times for one (tp, cp, ep, micro-batch, sp):
    /// what <see cref="Prepare"/> computes once so a search need not repeat it for every pp, vpp, dp, ZeRO
    /// stage and recompute choice.
    /// </summary>
    public readonly struct LayerTerms
    {
        internal LayerTerms(LayerKey key, LayerCost dense, LayerCost moe, double tp, double cpForward, double cpBackward, double ep, double output, double embedding)
        {
            Key = key;
            Dense = dense;
            Moe = moe;
            TpPerCollective = tp;
            CpForward = cpForward;
            CpBackward = cpBackward;
            EpPerAllToAll = ep;
            OutputForward = output;
            EmbeddingForward = embedding;
        }

        public LayerKey Key { get; }
        internal LayerCost Dense { get; }
        internal LayerCost Moe { get; }
        internal double TpPerCollective { get; }
        internal double CpForward { get; }
        internal double CpBackward { get; }
        internal double EpPerAllToAll { get; }
        internal double OutputForward { get; }
        internal double EmbeddingForward { get; }
    }
}
