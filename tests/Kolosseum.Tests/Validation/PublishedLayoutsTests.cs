using Kolosseum.Diagnostics;
using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Search;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>
/// The search against the layouts the published runs used (src/Kolosseum/Validation/data/runs.csv): for every run that
/// reports its layout, the search — free on every cell — finds a layout at least as fast by the model's own
/// estimate. docs/search.md explains where and why its choice differs.
/// </summary>
public class PublishedLayoutsTests
{
    /// <summary>The published runs shipped with the tool (src/Kolosseum/Validation/data), copied next to the tests.</summary>
    internal static string RunsFile => Path.Combine(AppContext.BaseDirectory, "TestData", "validation", "runs.csv");

    public static IEnumerable<object[]> RowsWithALayout()
    {
        var catalog = Kolosseum.Catalog.Catalog.Embedded;
        var runs = RunsCsvReader.Read(File.ReadAllText(RunsFile), RunsFile, catalog, new DiagnosticBag());
        var validator = new RunValidator(catalog);
        // Rows whose published layout fits in the model (one does not: docs/performance-model.md explains it).
        foreach (var r in runs.Where(r => RunValidator.GroupOf(r.Metric) == "throughput" && r.Tp is not null && r.Pp is not null && r.Dp is not null))
            if (validator.Predict(r).Estimate is { Fits: true })
                yield return [r.Id];
    }

    [Theory]
    [MemberData(nameof(RowsWithALayout))]
    public void The_search_finds_a_layout_at_least_as_fast_as_the_published_one(string id)
    {
        var catalog = Kolosseum.Catalog.Catalog.Embedded;
        var run = RunsCsvReader.Read(File.ReadAllText(RunsFile), RunsFile, catalog, new DiagnosticBag()).Single(r => r.Id == id);
        var validator = new RunValidator(catalog);
        var published = validator.Predict(run);
        var e = published.Estimate!.Value;
        var gpu = catalog.Get<GpuSpec>(run.GpuId);
        var node = catalog.All<NodeSpec>().First(n => n.GpuId == gpu.Id);
        var training = new TrainingSpec
        {
            Tokens = 1e12, GlobalBatch = run.GlobalBatch, SeqLen = run.Model.SeqLen, Precision = run.Precision, Attention = published.Attention!.Value,
            Moe = RunValidator.MoeOptionsOf(run),
        };
        var model = new PerformanceModel(run.Model, training, gpu, FabricNetwork.DefaultNetwork(catalog, gpu, node, run.Gpus));
        var found = LayoutSearch.Run(model, run.Gpus, new SearchSpace { MinGpuFraction = 1 }, topK: 1);
        Assert.NotEmpty(found.Best);
        Assert.True(found.Best[0].Estimate.StepTime <= e.StepTime * (1 + 1e-9),
            $"published {published.Layout} {e.StepTime:F3} s; search found {found.Best[0].Layout} {found.Best[0].Estimate.StepTime:F3} s");
    }
}
