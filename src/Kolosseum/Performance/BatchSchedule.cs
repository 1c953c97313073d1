namespace Kolosseum.Performance;

/// <summary>One stretch of a batch ramp: the run trains at <paramref name="GlobalBatch"/> sequences until it has seen <paramref name="UntilTokens"/> tokens.</summary>
public sealed record BatchSegment(double UntilTokens, int GlobalBatch);

/// <summary>
/// The time to train the run's tokens on one layout when the batch ramps up (Llama 3 style, arXiv 2407.21783 §3.4.1;
/// docs/search.md, "Batch schedule"): the layout is fixed, the number of micro-batches per step follows the batch, and
/// the days are the sum over the segments of each segment's tokens over its throughput at its batch; after the last
/// segment the run trains at its own batch.
/// </summary>
public static class BatchSchedule
{
    /// <summary>Whether a layout runs a batch: dp × micro-batch divides it, and with interleaving the micro-batches are a multiple of pp.</summary>
    public static bool Runs(in Layout layout, int batch)
    {
        long perStep = (long)layout.Dp * layout.MicroBatch;
        if (batch % perStep != 0) return false;
        return layout.Vpp == 1 || batch / perStep % layout.Pp == 0;
    }

    /// <summary>
    /// Seconds to train <see cref="TrainingSpec.Tokens"/> without failures on <paramref name="layout"/>, the ramp first;
    /// <paramref name="models"/> holds the performance model of every scheduled batch. Null when the layout cannot run a scheduled batch.
    /// </summary>
    public static double? Seconds(TrainingSpec training, in Layout layout, in PerformanceModel.LayerTerms terms, double finalTokensPerSecond,
        IReadOnlyDictionary<int, PerformanceModel> models)
    {
        double total = training.Tokens, done = 0, seconds = 0;
        foreach (var segment in training.BatchSchedule)
        {
            double until = Math.Min(segment.UntilTokens, total);
            if (until <= done) continue;
            if (!Runs(layout, segment.GlobalBatch)) return null;
            var estimate = models[segment.GlobalBatch].Evaluate(in layout, in terms);
            seconds += (until - done) / estimate.TokensPerSecond;
            done = until;
        }
        return seconds + (total - done) / finalTokensPerSecond;
    }

    /// <summary>The same for a layout evaluated on its own (a given layout), each scheduled batch's model built here.</summary>
    public static double? Seconds(PerformanceModel model, in Layout layout)
    {
        var training = model.Training;
        var terms = model.Prepare(in layout);
        var models = training.BatchSchedule.Select(s => s.GlobalBatch).Distinct().ToDictionary(b => b, model.AtBatch);
        return Seconds(training, in layout, in terms, model.Evaluate(in layout, in terms).TokensPerSecond, models);
    }
}
