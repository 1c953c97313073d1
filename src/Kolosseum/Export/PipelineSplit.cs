namespace Kolosseum.Export;

/// <summary>
/// How the layers are placed on the pipeline stages when they do not divide evenly. Megatron-Core
/// (<c>--decoder-first-pipeline-num-layers</c>, <c>--decoder-last-pipeline-num-layers</c>) asks that the
/// middle stages hold the same number of layers; the performance model charges the busiest stage
/// ⌈layers / pp⌉ layers, so the split keeps every stage at or below that where it can, giving the first and last
/// stage (which also hold the embedding and the output layer) the remainder. Where no such split exists (21 layers
/// on 9 stages: seven stages of 3 would leave two empty) it takes the split with the least busy busiest stage, and
/// <see cref="WithinModel"/> is false so the exporters can say so.
/// </summary>
public readonly record struct PipelineSplit(int First, int Middle, int Last, int Stages, int ModelBusiest)
{
    public bool Even => First == Middle && Last == Middle;

    public int Layers => Stages == 1 ? First : Stages == 2 ? First + Last : First + Last + Middle * (Stages - 2);

    public int Busiest => Math.Max(First, Math.Max(Last, Stages > 2 ? Middle : 0));

    /// <summary>No stage holds more layers than the performance model charges the busiest one.</summary>
    public bool WithinModel => Busiest <= ModelBusiest;

    public static PipelineSplit For(int layers, int pp)
    {
        if (pp <= 1) return new PipelineSplit(layers, layers, layers, 1, layers);
        if (pp > layers) throw new ArgumentOutOfRangeException(nameof(pp), pp, $"pp ({pp}) exceeds the layers ({layers})");
        int max = (layers + pp - 1) / pp;
        if (layers % pp == 0) return new PipelineSplit(max, max, max, pp, max);
        if (pp == 2) return new PipelineSplit(layers - layers / 2, 0, layers / 2, 2, max);
        PipelineSplit? best = null;
        for (int middle = max; middle >= 1; middle--)
        {
            int rest = layers - (pp - 2) * middle;
            if (rest < 2) continue;
            int first = rest / 2;
            var s = new PipelineSplit(first, middle, rest - first, pp, max);
            if (s.WithinModel) return s;
            if (best is null || s.Busiest < best.Value.Busiest) best = s;
        }
        return best!.Value;
    }
}
