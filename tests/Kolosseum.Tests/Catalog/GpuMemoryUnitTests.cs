using Kolosseum.Hardware;

namespace Kolosseum.Tests.Catalog;

/// <summary>
/// GPU memory in the vendors' unit: NVIDIA's and AMD's "80 GB", "141 GB", "192 GB" of HBM are binary
/// gigabytes, as the drivers show. Read as decimal GB, an H200 would lose 9 GiB and an MI300X 13 GiB the
/// hardware has; read as more than the vendor states, the model would place work on memory that is not there.
/// </summary>
public class GpuMemoryUnitTests
{
    /// <summary>Total memory the driver reports for one GPU, as published (MiB = 2^20 bytes).</summary>
    public static TheoryData<string, double, string> DriverReported => new()
    {
        { "A100-SXM-80GB", 81_920, "nvidia-smi memory.total, modal-labs/modal-client pull request 2797" },
        { "H100-SXM-80GB", 81_559, "nvidia-smi memory.total, modal-labs/modal-client pull request 2797" },
        { "H200-SXM-141GB", 143_771, "nvidia-smi memory.total, public listings" },
        { "B200", 178.35 * 1024, "CUDA total global memory 178.35 GiB, pytorch/ao pull request 4002" },
        { "MI300X", 8 * 25_767_706_624.0 / (1 << 20), "ROCm, 8 CPX partitions, ROCm/legacy-rocm-build issue 4750" },
    };

    [Theory]
    [MemberData(nameof(DriverReported))]
    public void Catalog_memory_is_the_vendors_binary_figure_and_the_model_never_plans_on_more_than_the_driver_gives(string id, double reportedMiB, string source)
    {
        var gpu = Kolosseum.Catalog.Catalog.Embedded.Get<GpuSpec>(id);
        double reported = reportedMiB / 1024; // GiB
        double usable = gpu.Hbm.GiB - gpu.Efficiency.MemoryReserve.GiB;
        Assert.True(usable <= reported, $"{id}: the model plans on {usable:0.0} GiB, the driver reports {reported:0.0} GiB ({source})");
        // The vendor rounds to whole GB: within 1.5 % of what the driver reports, where decimal GB would be 7 % under it.
        Assert.InRange(gpu.Hbm.GiB / reported, 0.985, 1.015);
    }

    [Fact]
    public void A_gpu_named_by_its_memory_holds_that_many_GiB()
    {
        foreach (var gpu in Kolosseum.Catalog.Catalog.Embedded.All<GpuSpec>())
        {
            var named = System.Text.RegularExpressions.Regex.Match(gpu.Name, @"\b(\d+)GB\b");
            if (named.Success) Assert.Equal(double.Parse(named.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), gpu.Hbm.GiB, 1e-9);
        }
    }
}
