using Kolosseum.Economics;
using Kolosseum.Hardware;
using Kolosseum.Power;
using Kolosseum.Units;

namespace Kolosseum.Tests.Power;

/// <summary>Catalog parts and settings shared by the power and economics tests.</summary>
internal static class PowerFixture
{
    public static Kolosseum.Catalog.Catalog Embedded => Kolosseum.Catalog.Catalog.Embedded;
    public static GpuSpec H100 => Embedded.Get<GpuSpec>("H100-SXM-80GB");
    public static NodeSpec HgxH100 => Embedded.Get<NodeSpec>("hgx-h100");
    public static PowerSettings Settings => PowerSettings.Defaults(Embedded);
    public static EconomicsSettings Economics => EconomicsSettings.Defaults(Embedded);

    public static ClusterInventory H100Cluster(long gpus, NetworkLoad? network = null)
    {
        var sizing = Settings.Sizing;
        return ClusterInventory.Build(H100, HgxH100, gpus, sizing, Embedded.Get<StorageSpec>(sizing.StorageId), network ?? NetworkLoad.Approximate(gpus));
    }

    public static RunProfile Run(Duration productive, double ettr = 0.9, StepPhases? phases = null) =>
        new(phases ?? new StepPhases(0.6, 0.4, 0), Duration.FromSeconds(2), productive, ettr, Duration.FromMinutes(5), Duration.FromSeconds(10), Duration.FromMinutes(10));
}
