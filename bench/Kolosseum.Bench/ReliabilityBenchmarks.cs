using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Kolosseum.Hardware;
using Kolosseum.Reliability;
using Kolosseum.Units;
using Kolosseum.Workload;

namespace Kolosseum.Bench;

/// <summary>
/// The reliability simulation at the reference size: 1,000 trials of a 100,000-H100, 100-day
/// (failure-free) run at the catalog defaults (about 7,100 failures and 640 planned stops per trial).
/// One invocation per iteration: each takes seconds.
/// dotnet run -c Release --project bench/Kolosseum.Bench -- --filter '*ReliabilityBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ReliabilityBenchmarks
{
    private ReliabilityInputs _inputs = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = Catalog.Catalog.Embedded;
        var settings = ReliabilitySettings.Defaults(catalog);
        var size = ReliabilityJob.CheckpointSizeOf(catalog.Get<ModelSpec>("llama3.1-405b"), settings.Profile);
        var job = ReliabilityJob.ForCluster(catalog.Get<NodeSpec>("hgx-h100"), 100_000, Duration.FromDays(100), size, settings.Profile);
        _inputs = ReliabilityInputs.Build(job, settings, catalog);
    }

    [Benchmark]
    public ReliabilityResult ThousandTrials_100kGpus_100Days() =>
        ReliabilitySimulator.Run(_inputs, new SimulationOptions { Trials = 1000, Seed = 1, Threads = Threads, TimelineTrial = -1 });
}
