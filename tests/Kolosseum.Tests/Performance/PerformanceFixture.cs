using Kolosseum.Fabric;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Performance;

/// <summary>Builds performance models for catalog models on catalog GPUs with the default fabric.</summary>
internal static class PerformanceFixture
{
    public static Kolosseum.Catalog.Catalog Catalog => Kolosseum.Catalog.Catalog.Embedded;

    public static PerformanceModel Model(string model, string gpu, long gpus, int globalBatch, Precision precision = Precision.Bf16,
        int? seq = null, AttentionKernel attention = AttentionKernel.Flash)
    {
        var m = Catalog.Get<ModelSpec>(model);
        var g = Catalog.Get<GpuSpec>(gpu);
        var node = Catalog.All<NodeSpec>().First(n => n.GpuId == g.Id);
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = globalBatch, SeqLen = seq ?? m.SeqLen, Precision = precision, Attention = attention };
        return new PerformanceModel(m, training, g, FabricNetwork.DefaultNetwork(Catalog, g, node, gpus));
    }
}
