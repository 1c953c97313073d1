using Kolosseum.Diagnostics;
using Kolosseum.Fabric;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>
/// The model against every published run in src/Kolosseum/Validation/data/runs.csv, with one calibrated parameter set.
/// The bounds are what the model achieves today (docs/performance-model.md, "Results"), kept as a
/// regression guard: the project's target (mean ≤ 5%, max ≤ 12% on throughput rows) is met for the mean
/// of the H100 rows and not yet on the whole file, and the tests say so rather than hiding it.
/// </summary>
public class ValidationAccuracyTests
{
    private static readonly Lazy<IReadOnlyList<PublishedRun>> Runs = new(() =>
        RunsCsvReader.Read(File.ReadAllText(PublishedLayoutsTests.RunsFile), PublishedLayoutsTests.RunsFile, Kolosseum.Catalog.Catalog.Embedded, new DiagnosticBag()));

    private static readonly Lazy<IReadOnlyList<ValidationRow>> Rows = new(() =>
    {
        var validator = new RunValidator(Kolosseum.Catalog.Catalog.Embedded);
        return Runs.Value.Select(validator.Predict).ToList();
    });

    private static string GpuOf(ValidationRow row) => Runs.Value.First(r => r.Id == row.Id).GpuId;

    private static IEnumerable<double> Errors(Func<ValidationRow, bool> filter) =>
        Rows.Value.Where(filter).Where(r => r.RelativeError is not null).Select(r => Math.Abs(r.RelativeError!.Value));

    [Fact]
    public void Memory_rows_meet_the_target_of_5_percent_mean()
    {
        var errors = Errors(r => RunValidator.GroupOf(r.Metric) == "memory").ToList();
        Assert.Equal(16, errors.Count);
        Assert.True(errors.Average() <= 0.05, $"mean {errors.Average():P1}");
        Assert.True(errors.Max() <= 0.10, $"max {errors.Max():P1}");
    }

    [Fact]
    public void H100_throughput_rows_meet_the_5_percent_mean_target_and_stay_within_todays_max()
    {
        var h100 = Errors(r => RunValidator.SummaryGroupOf(r) == "dense" && GpuOf(r) == "H100-SXM-80GB").ToList();
        Assert.True(h100.Count >= 21);
        Assert.True(h100.Average() <= 0.05, $"mean {h100.Average():P1}");
        // Regression bound at the achieved maximum (15.2 %: Llama 3 8B on NeMo 25.09, predicted too slow, while
        // the same model on NeMo 24.07 is within 1 %; docs/performance-model.md, "Results").
        Assert.True(h100.Max() <= 0.16, $"max {h100.Max():P1}");
    }

    [Fact]
    public void All_dense_throughput_rows_stay_within_todays_accuracy()
    {
        var all = Errors(r => RunValidator.SummaryGroupOf(r) == "dense").ToList();
        // Regression bounds at the achieved accuracy, not the target (5 % mean, 12 % max): 6.2 % mean, 23.1 % max
        // (MT-NLG, unexplained: docs/performance-model.md, "Results"). The mean bound was 5.5 % before the eight
        // dense rows of the NeMo 25.09 tables (whose MoE rows were already here) joined the file: they are
        // predicted 10.3 % off on average, the small models on 8k sequences too slow.
        Assert.True(all.Average() <= 0.065, $"mean {all.Average():P1}");
        Assert.True(all.Max() <= 0.24, $"max {all.Max():P1}");
    }

    [Fact]
    public void Blackwell_dense_rows_stay_within_todays_accuracy()
    {
        // The Blackwell efficiencies are derived from Hopper's with measured kernel ratios, never fitted to these
        // rows (gpus.yaml), so these five rows test that derivation: 10.3 % mean, 20.4 % max today (Llama 3 70B
        // on 64 GB200 with FSDP, predicted too slow).
        var blackwell = Errors(r => RunValidator.SummaryGroupOf(r) == "dense" && GpuOf(r) is "B200" or "GB200-NVL72").ToList();
        Assert.Equal(5, blackwell.Count);
        Assert.True(blackwell.Average() <= 0.11, $"mean {blackwell.Average():P1}");
        Assert.True(blackwell.Max() <= 0.21, $"max {blackwell.Max():P1}");
    }

    [Fact]
    public void Every_row_is_predicted_or_gives_its_reason()
    {
        Assert.All(Rows.Value, r => Assert.True(r.Predicted is not null || !string.IsNullOrWhiteSpace(r.Reason), r.Id));
        Assert.Equal(0, Rows.Value.Count(r => r.Predicted is null));
    }

    [Fact]
    public void The_nemotron4_340b_dgx_cloud_row_is_predicted_with_its_published_config()
    {
        // NVIDIA/dgxc-benchmarking nemotron/nemotron4-340b-synth.yaml: tp 8, pp 8, vpp 12, micro-batch 1,
        // selective recompute, sequence parallelism, distributed optimizer; 128 H100 at global batch 32.
        var row = Rows.Value.Single(r => r.Id == "nemotron4-340b-dgxc-128");
        Assert.NotNull(row.Predicted);
        Assert.Equal(new Kolosseum.Performance.Layout(8, 8, 12, 2, 1, 1, 1, true, Kolosseum.Performance.Recompute.Selective, 1), row.Layout!.Value);
        Assert.True(row.Estimate!.Value.Fits);
        Assert.InRange(row.RelativeError!.Value, -0.10, 0.10);
    }

    [Fact]
    public void Every_moe_row_is_predicted_and_stays_within_todays_accuracy()
    {
        var moe = Rows.Value.Where(r => RunValidator.SummaryGroupOf(r) == "moe").ToList();
        Assert.Equal(10, moe.Count);
        Assert.All(moe, r => Assert.True(r.Predicted is not null, r.Id + ": " + r.Reason));
        var errors = moe.Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
        // Regression bounds at the achieved accuracy (15.1 % mean, 27.6 % max since Blackwell carries Hopper's
        // efficiencies by measured kernel ratios, the DeepSeek-V3 rows run their published recipe, the experts
        // pay their FP8 casts and their grouped GEMM's launches on four streams, and the NCCL all-to-all dispatcher
        // its latency per batch of 8 peers and its sort by local expert: docs/performance-model.md, "Results"),
        // still short of the target (10 % mean, 20 % max).
        Assert.True(errors.Average() <= 0.16, $"mean {errors.Average():P1}");
        Assert.True(errors.Max() <= 0.28, $"max {errors.Max():P1}");
        var hopper = moe.Where(r => r.Id.Contains("h100", StringComparison.Ordinal) || r.Id.Contains("h800", StringComparison.Ordinal))
            .Select(r => Math.Abs(r.RelativeError!.Value)).ToList();
        Assert.Equal(4, hopper.Count);
        Assert.True(hopper.Average() <= 0.14, $"Hopper mean {hopper.Average():P1}");
    }

    [Fact]
    public void The_h800_deepseek_v3_row_is_predicted()
    {
        // DeepSeek-V3's own pre-training run (2,048 H800, PP16 EP64 ZeRO-1, FP8): MLA, shared and routed
        // experts, dense first layers and the H800's 400 GB/s NVLink must all be expressible.
        var row = Rows.Value.Single(r => r.Id == "deepseek-v3-h800-2048");
        Assert.True(row.Moe);
        Assert.NotNull(row.Predicted);
        Assert.Equal(16, row.Layout!.Value.Pp);
        Assert.Equal(64, row.Layout!.Value.Ep);
        Assert.True(row.Estimate!.Value.Fits);
        // The run's own record: 2,664K GPU-hours for 14.8T tokens at 15,360 × 4,096 per step is 19.9 s a step.
        Assert.InRange(row.Measured, 19.8, 20.0);
        // Achieved: +16.1 % (the memory model fits the run only with full recompute; the bubble waits for the
        // recomputation, +2.4 points, and the experts pay their FP8 casts, which DeepSeek-V3 Sec 3.5.2 says its
        // kernels did not fuse, +2 points).
        Assert.InRange(row.RelativeError!.Value, -0.17, 0.17);
    }
}
