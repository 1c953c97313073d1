using BenchmarkDotNet.Attributes;
using Kolosseum.Buildout;

namespace Kolosseum.Bench;

/// <summary>
/// The build-out Monte-Carlo at the CLI's default of 10,000 trials for 100k H100, on one thread and on
/// all cores: phase sampling, the forward pass, criticality, percentiles and the weekly capacity bands.
/// </summary>
[MemoryDiagnoser]
public class BuildoutBenchmarks
{
    private BuildoutModel _hyperscale = null!;
    private BuildoutModel _fastTrack = null!;

    /// <summary>1 thread, or -1 for all cores.</summary>
    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalog = Catalog.Catalog.Embedded;
        _hyperscale = BuildoutModel.FromPreset(catalog.Get<BuildoutPreset>("hyperscale"), 100_000, 8);
        _fastTrack = BuildoutModel.FromPreset(catalog.Get<BuildoutPreset>("fast-track"), 100_000, 8);
    }

    [Benchmark]
    public BuildoutResult Hyperscale_100k_10000_trials() =>
        BuildoutSimulator.Run(_hyperscale, new BuildoutRunOptions { Trials = 10_000, MaxDegreeOfParallelism = Threads });

    [Benchmark]
    public BuildoutResult FastTrack_100k_10000_trials() =>
        BuildoutSimulator.Run(_fastTrack, new BuildoutRunOptions { Trials = 10_000, MaxDegreeOfParallelism = Threads });
}
