using Kolosseum.Diagnostics;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>
/// A parameter fitted on a single published row can only reproduce that row, which says nothing of the model:
/// calibration fits a kernel parameter only where at least <see cref="Calibration.MinRowsToFit"/> rows exercise it.
/// </summary>
public class CalibrationRowsTests
{
    private static IReadOnlyList<PublishedRun> Runs()
    {
        var catalog = Kolosseum.Catalog.Catalog.Embedded;
        return RunsCsvReader.Read(PublishedRuns.Text, PublishedRuns.Name, catalog, new DiagnosticBag());
    }

    [Fact]
    public void A100_flash_attention_is_not_fitted_on_its_one_fused_kernel_row()
    {
        var runs = Runs();
        var a100 = runs.Where(r => r.GpuId == "A100-SXM-80GB" && RunValidator.GroupOf(r.Metric) == "throughput").ToList();
        // The precondition, read off the file: one A100 throughput row runs a fused attention kernel.
        Assert.Single(a100, r => r.Attention != Kolosseum.Performance.AttentionKernel.Standard);
        var result = Calibration.Fit(runs, Kolosseum.Catalog.Catalog.Embedded, "A100-SXM-80GB", maxEvaluations: 40);
        Assert.DoesNotContain("flash_attention", result.After.Keys);
        Assert.Contains("matmul", result.After.Keys);
        // It keeps the catalog's value, which is the sourced prior.
        var prior = Calibration.Parameters.Single(p => p.Name == "flash_attention").Prior;
        Assert.Equal(prior, Kolosseum.Catalog.Catalog.Embedded.Get<Kolosseum.Hardware.GpuSpec>("A100-SXM-80GB").Efficiency.FlashAttention, 3);
    }

    [Fact]
    public void H100_flash_attention_is_fitted_where_many_rows_run_it()
    {
        var runs = Runs();
        var result = Calibration.Fit(runs, Kolosseum.Catalog.Catalog.Embedded, "H100-SXM-80GB", maxEvaluations: 40);
        Assert.Contains("flash_attention", result.After.Keys);
        Assert.Contains("matmul_fp8", result.After.Keys);
    }
}
