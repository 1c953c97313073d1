using Kolosseum.Diagnostics;
using Kolosseum.Reliability;
using Kolosseum.Units;
using static Kolosseum.Tests.Reliability.ReliabilityFixtures;

namespace Kolosseum.Tests.Reliability;

public class FailureCatalogTests
{
    private static IReadOnlyList<FailureRate> Set(string name) => Embedded.All<FailureRate>().Where(f => f.RateSet == name).ToList();

    [Fact]
    public void Llama3_table_counts_sum_to_the_papers_419_unexpected_and_47_planned()
    {
        // Llama 3 Herd of Models, arXiv 2407.21783, Sec 3.3.4: 466 interruptions, 47 planned, 419 unexpected.
        Assert.Equal(419, Set("llama3").Sum(f => f.Events!.Value));
        Assert.Equal(47, Set("llama3-planned").Sum(f => f.Events!.Value));
        Assert.Equal(18, Set("llama3").Count);
    }

    [Fact]
    public void Llama3_hardware_share_matches_the_papers_78_percent()
    {
        // The paper: "about 78% ... attributed to confirmed or suspected hardware issues". The catalog's
        // hardware categories (GPU, host, network) hold 324 of 419 = 77.3%; the paper rounds, so 1 point.
        var set = Set("llama3");
        double hardware = set.Where(f => f.Category is FailureCategory.Gpu or FailureCategory.Host or FailureCategory.Network).Sum(f => f.Events!.Value);
        Assert.InRange(hardware / 419, 0.77, 0.79);
    }

    [Fact]
    public void Llama3_rates_give_one_interruption_per_50677_gpu_hours_on_the_papers_job()
    {
        // docs/sources.md R1 derives 1.973e-5 per GPU-hour (per-GPU MTBF 50,677 h) from 419 / 21,233,664 GPU-hours.
        // Every row is counted on its own units of the 16,384-GPU job, so the job-level rate must match that.
        var model = FailureModel.For(Job(16384, Duration.FromDays(54)), Set("llama3"));
        Assert.Equal(1.973e-5, model.UnexpectedPerHour / 16384, 3e-8);
        Assert.Equal(54 * 24.0 / 419, model.Mtbi.Hours, 6);
    }

    [Fact]
    public void At_100k_gpus_the_llama3_rates_give_a_failure_about_every_30_minutes()
    {
        // Epoch AI ("Hardware failures won't limit AI scaling"): one failure per H100 every 50,000 h means
        // one every 30 min at 100,000 GPUs. Llama 3's 50,677 h per GPU gives 30.4 min; the one per-job
        // cause (dependency) barely moves it. Tolerance: 1 min, the difference of the two per-GPU MTBFs.
        var model = FailureModel.For(Job(100_000, Duration.FromDays(1)), Set("llama3"));
        Assert.InRange(model.Mtbi.Minutes, 29.5, 31.5);
        var epoch = FailureModel.For(Job(100_000, Duration.FromDays(1)), Set("epoch-ai"));
        Assert.Equal(30.0, epoch.Mtbi.Minutes, 6);
    }

    [Fact]
    public void SemiAnalysis_optics_give_a_first_failure_after_26_minutes_on_100k_links()
    {
        // SemiAnalysis, 100,000 H100 Clusters: a 5-year MTTF per NIC-to-leaf link gives the first job failure in
        // 26.28 min across 100,000 links (their 365-day years; ours have 365.25 days, +0.07%).
        var job = Job(100_000, Duration.FromDays(1)) with { Links = 100_000 };
        var model = FailureModel.For(job, Set("semianalysis-optics"));
        Assert.Equal(26.28, model.Mtbi.Minutes, 0.05);
    }

    [Fact]
    public void Rates_scale_with_what_the_job_holds_except_per_job_causes()
    {
        var small = FailureModel.For(Job(8192, Duration.FromDays(1)), Set("llama3"));
        var large = FailureModel.For(Job(16384, Duration.FromDays(1)), Set("llama3"));
        foreach (var (a, b) in small.Causes.OrderBy(c => c.Key).Zip(large.Causes.OrderBy(c => c.Key)))
            Assert.Equal(a.ScalesWithSize ? 2 : 1, b.PerHour / a.PerHour, 9);
    }

    [Fact]
    public void Every_rate_set_binds_and_every_entry_gives_a_positive_finite_rate()
    {
        var bag = new DiagnosticBag();
        Embedded.Validate(bag);
        Assert.Empty(bag.Items.Select(d => d.Format()));
        foreach (var f in Embedded.All<FailureRate>())
            Assert.True(f.RatePerUnitHour > 0 && double.IsFinite(f.RatePerUnitHour), f.Id);
        Assert.Contains("rsc1", Embedded.All<FailureRate>().Select(f => f.RateSet));
        Assert.Contains("crusoe-h200", Embedded.All<FailureRate>().Select(f => f.RateSet));
    }

    [Fact]
    public void Kokolis_rsc1_rate_projects_a_1_8_hour_mttf_at_16384_gpus()
    {
        // Kokolis et al. (arXiv 2410.21680) project MTTF = 1/(N_nodes r_f): 1.8 h at 16,384 GPUs with RSC-1's r_f.
        var model = FailureModel.For(Job(16384, Duration.FromDays(1)), Set("rsc1"));
        Assert.Equal(1.8, model.Mtbi.Hours, 0.01);
    }
}
