using BenchmarkDotNet.Attributes;
using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Bench;

/// <summary>
/// One layout evaluation (the search's hot path): step time, memory and MFU of one layout. Must stay under a
/// microsecond and allocate nothing.
/// </summary>
[MemoryDiagnoser]
public class PerformanceBenchmarks
{
    private PerformanceModel _gpt3 = null!;
    private PerformanceModel _llama405 = null!;
    private PerformanceModel _mixtral = null!;
    private Layout _gpt3Layout;
    private Layout _llamaLayout;
    private Layout _mixtralLayout;

    [GlobalSetup]
    public void Setup()
    {
        _gpt3 = Model("gpt3-175b", "A100-SXM-80GB", 1024, 1536, Precision.Fp16);
        _llama405 = Model("llama3.1-405b", "H100-SXM-80GB", 16384, 2048, Precision.Bf16);
        _mixtral = Model("mixtral-8x7b", "H100-SXM-80GB", 1024, 1024, Precision.Bf16);
        _gpt3Layout = new Layout(8, 8, 2, 16, 1, 1, 1, true, Recompute.Selective, 1);
        _llamaLayout = new Layout(8, 16, 4, 128, 1, 1, 1, true, Recompute.None, 1);
        _mixtralLayout = new Layout(2, 4, 1, 128, 1, 8, 1, true, Recompute.Selective, 2);
    }

    internal static PerformanceModel Model(string model, string gpu, long gpus, int batch, Precision precision)
    {
        var catalog = Catalog.Catalog.Embedded;
        var m = catalog.Get<ModelSpec>(model);
        var g = catalog.Get<GpuSpec>(gpu);
        var node = catalog.All<NodeSpec>().First(n => n.GpuId == g.Id);
        var training = new TrainingSpec { Tokens = 300e9, GlobalBatch = batch, SeqLen = m.SeqLen, Precision = precision, Attention = AttentionKernel.Flash };
        return new PerformanceModel(m, training, g, FabricNetwork.DefaultNetwork(catalog, g, node, gpus));
    }

    [Benchmark]
    public double Evaluate_gpt3_175b_a100() => _gpt3.Evaluate(_gpt3Layout).StepTime;

    [Benchmark]
    public double Evaluate_llama405b_h100() => _llama405.Evaluate(_llamaLayout).StepTime;

    [Benchmark]
    public double Evaluate_mixtral_moe_h100() => _mixtral.Evaluate(_mixtralLayout).StepTime;
}
