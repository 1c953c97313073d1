using BenchmarkDotNet.Attributes;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Search;

namespace Kolosseum.Bench;

/// <summary>
/// Whole layout searches: every valid layout of GPT-3 175B on 1,024 A100 (the peer's reference space),
/// and Llama 3.1 405B on 100,000 H100, on one thread and on all cores. The result records the layouts
/// evaluated, so layouts per second follow from the time.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SearchBenchmarks
{
    private PerformanceModel _gpt3 = null!;
    private PerformanceModel _llama405 = null!;

    /// <summary>Worker threads: 1, or 0 for every core.</summary>
    [Params(1, 0)]
    public int Threads { get; set; }

    /// <summary>Every GPU count from half the cluster to all of it (the plan's default).</summary>
    private static readonly SearchSpace Space = new() { MinGpuFraction = 0.5 };

    [GlobalSetup]
    public void Setup()
    {
        _gpt3 = PerformanceBenchmarks.Model("gpt3-175b", "A100-SXM-80GB", 1024, 1536, Precision.Fp16);
        _llama405 = PerformanceBenchmarks.Model("llama3.1-405b", "H100-SXM-80GB", 100_000, 8192, Precision.Bf16);
    }

    private SearchOptions Options => new() { Threads = Threads == 0 ? null : Threads };

    [Benchmark]
    public long Gpt3_175b_on_1024_a100() => LayoutSearch.Run(_gpt3, 1024, Space, 10, Options).Evaluated;

    [Benchmark]
    public long Llama405b_on_100k_h100() => LayoutSearch.Run(_llama405, 100_000, Space, 10, Options).Evaluated;
}
