using Kolosseum.Performance;
using Kolosseum.Search;
using Kolosseum.Tests.Performance;

namespace Kolosseum.Tests.Search;

/// <summary>A Llama 3-style batch ramp (arXiv 2407.21783 §3.4.1): the layout is fixed, the micro-batches per step follow the batch.</summary>
public sealed class BatchScheduleTests
{
    private static readonly PerformanceModel Fixed = PerformanceFixture.Model("llama3.1-8b", "H100-SXM-80GB", 64, 512);

    private static PerformanceModel With(params BatchSegment[] schedule) =>
        new(Fixed.Model, Fixed.Training with { BatchSchedule = schedule }, Fixed.Gpu, Fixed.Network);

    [Fact]
    public void A_schedule_of_one_segment_at_the_runs_own_batch_is_the_fixed_batch()
    {
        var plain = LayoutSearch.Run(Fixed, 64, SearchSpace.Full, 5);
        var scheduled = LayoutSearch.Run(With(new BatchSegment(3e11, 512)), 64, SearchSpace.Full, 5);
        Assert.Equal(plain.Best.Select(b => b.Layout), scheduled.Best.Select(b => b.Layout));
        for (int i = 0; i < plain.Best.Count; i++)
            Assert.Equal(plain.Best[i].TrainSeconds, scheduled.Best[i].TrainSeconds, plain.Best[i].TrainSeconds * 1e-12);
    }

    [Fact]
    public void A_ramp_takes_longer_than_the_final_batch_throughout_and_its_days_are_the_segment_sum()
    {
        var ramp = With(new BatchSegment(1e11, 128), new BatchSegment(3e11, 256));
        var plain = LayoutSearch.Run(Fixed, 64, SearchSpace.Full, 1).Best[0];
        var best = LayoutSearch.Run(ramp, 64, SearchSpace.Full, 1).Best[0];
        // Smaller batches early: fewer micro-batches per step, more pipeline bubble and less work per gradient all-reduce.
        Assert.True(best.TrainSeconds > plain.TrainSeconds, $"{best.TrainSeconds} against {plain.TrainSeconds}");
        var l = best.Layout;
        Assert.True(BatchSchedule.Runs(l, 128) && BatchSchedule.Runs(l, 256) && BatchSchedule.Runs(l, 512));
        double Tps(int batch) => Fixed.AtBatch(batch).Evaluate(l).TokensPerSecond;
        double sum = 1e11 / Tps(128) + 2e11 / Tps(256) + (Fixed.Training.Tokens - 3e11) / Tps(512);
        Assert.Equal(sum, best.TrainSeconds, sum * 1e-12);
        // The same layout at its own batch throughout is faster than on the ramp.
        Assert.True(Fixed.Training.Steps * Fixed.Evaluate(l).StepTime < best.TrainSeconds);
    }

    [Fact]
    public void A_layout_that_cannot_run_a_scheduled_batch_is_set_aside_and_counted()
    {
        // 96 sequences: no dp of 64 GPUs times a micro-batch of 2 or more divides both 512 and 96 unless dp × mb divides 32.
        var ramp = With(new BatchSegment(1e11, 96));
        var result = LayoutSearch.Run(ramp, 64, SearchSpace.Full, 5);
        Assert.True(result.Rejected.GetValueOrDefault(RejectionReason.ScheduleBatchInvalid) > 0);
        Assert.All(result.Best, b => Assert.True(BatchSchedule.Runs(b.Layout, 96) && BatchSchedule.Runs(b.Layout, 512)));
    }
}
