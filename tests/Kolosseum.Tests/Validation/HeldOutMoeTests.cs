using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>
/// NeMo / Megatron-Bridge performance tables from 25.11 on are kept out of calibration
/// (src/Kolosseum/Validation/data/heldout-moe.csv): they judge how the model extrapolates to newer software and
/// hardware. Their error is reported (docs/performance-model.md, "Results"), not tuned to.
/// </summary>
public class HeldOutMoeTests
{
    [Fact]
    public void Every_held_out_row_reads_and_is_predicted_or_says_why()
    {
        var (runs, rows) = HeldOutFiles.ReadAndPredict("heldout-moe.csv");
        Assert.All(runs, r => Assert.True(r.Model.IsMoe, r.Id));
        Assert.All(rows, r => Assert.True(r.Predicted is not null || !string.IsNullOrWhiteSpace(r.Reason), r.Id));
        // Reported, never tuned to: a regression bound at today's held-out error (26.6 % mean, 51.6 % max).
        var errors = rows.Where(r => r.RelativeError is not null).Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
        Assert.Equal(rows.Count, errors.Count);
        Assert.True(errors.Average() <= 0.27, $"mean {errors.Average():P1}");
        Assert.True(errors.Max() <= 0.52, $"max {errors.Max():P1}");
    }
}
