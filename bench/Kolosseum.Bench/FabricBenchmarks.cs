using BenchmarkDotNet.Attributes;
using Kolosseum.Fabric;
using Kolosseum.Hardware;

namespace Kolosseum.Bench;

/// <summary>Designing a whole cluster's fabric (back-end, front-end) for the seed question's sizes.</summary>
[MemoryDiagnoser]
public class FabricBenchmarks
{
    private Catalog.Catalog _catalog = null!;
    private GpuSpec _gpu = null!;
    private NodeSpec _node = null!;
    private FabricSettings _settings = null!;

    [Params(1016, 24_000, 100_000)]
    public long Gpus { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalog = Catalog.Catalog.Embedded;
        _node = _catalog.Get<NodeSpec>("hgx-h100");
        _gpu = _catalog.Get<GpuSpec>(_node.GpuId);
        _settings = FabricSettings.Defaults(_catalog, _node.Id, _gpu.Id, Gpus);
    }

    [Benchmark]
    public ClusterFabric? DesignCluster() => FabricDesigner.Design(_catalog, _gpu, _node, Gpus, _settings).Design;

    [Benchmark]
    public Performance.ClusterNetwork DefaultNetwork() => FabricNetwork.DefaultNetwork(_catalog, _gpu, _node, Gpus);
}
