using Kolosseum.Catalog;
using Kolosseum.Diagnostics;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Hardware;

/// <summary>A server (or NVL rack tray group) that holds GPUs: its host parts, NICs, power and price.</summary>
public sealed record NodeSpec : ICatalogItem<NodeSpec>
{
    public static string Kind => "nodes";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string GpuId { get; init; }
    public required int GpusPerNode { get; init; }

    /// <summary>
    /// GPUs of one host a scheduler allocates (a server, or one compute tray of an NVL rack); the node itself
    /// unless the catalog says <c>gpus_per_host</c>.
    /// </summary>
    public int GpusPerHost { get; init; }
    public required int Cpus { get; init; }
    public required Watts CpuPower { get; init; }
    public required Bytes HostMemory { get; init; }

    /// <summary>Back-end (GPU-to-GPU RDMA) NICs per node, normally one per GPU in rail-optimized designs.</summary>
    public required int BackendNics { get; init; }
    public required string BackendNicId { get; init; }

    /// <summary>Line rate of one back-end NIC.</summary>
    public required BytesPerSecond BackendNicBandwidth { get; init; }

    /// <summary>Front-end (storage, management) bandwidth of the whole node.</summary>
    public required BytesPerSecond FrontendBandwidth { get; init; }

    /// <summary>Nameplate maximum power of the node (all GPUs at TDP).</summary>
    public required Watts PowerMax { get; init; }

    /// <summary>Power of everything in the node that is not a GPU, at training load (CPUs, memory, NICs, fans, PSU loss).</summary>
    public required Watts NonGpuPower { get; init; }

    public required Watts PowerIdle { get; init; }

    /// <summary>Host memory (DIMMs) draw; null: not broken out (it stays in the rest of the server).</summary>
    public Watts? MemoryPower { get; init; }

    /// <summary>Highest whole-node draw measured under training load (below nameplate); null: the power model assumes the host draws <see cref="NonGpuPower"/> and says so.</summary>
    public Watts? MeasuredTrainingPower { get; init; }
    public Usd? Price { get; init; }
    public required int RackUnits { get; init; }

    /// <summary>Back-end bandwidth available to one GPU, one direction.</summary>
    public BytesPerSecond BackendBandwidthPerGpu => BackendNicBandwidth * ((double)BackendNics / GpusPerNode);

    public static NodeSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        string? gpu = r.String("gpu", required: true);
        if (gpu is not null && r.Node("gpu") is { } gpuNode && !catalog.CheckId<GpuSpec>(gpu, gpuNode.Location, r.FieldPath("gpu"), r.Diagnostics)) gpu = null;
        int? gpus = r.Int("gpus", required: true, min: 1, max: 1024);
        int? cpus = r.Int("cpus", required: true, min: 0, max: 64);
        double? cpuPower = r.Quantity("cpu_power", Dimension.Watts, required: true, min: 0);
        double? mem = r.Quantity("host_memory", Dimension.Bytes, required: true, min: 0);
        int? nics = r.Int("backend_nics", required: true, min: 0, max: 1024);
        string? nic = r.String("backend_nic", required: true);
        double? nicBw = r.Quantity("backend_nic_bandwidth", Dimension.BytesPerSecond, required: true, min: 0);
        double? fe = r.Quantity("frontend_bandwidth", Dimension.BytesPerSecond, required: true, min: 0);
        double? pmax = r.Quantity("power_max", Dimension.Watts, required: true, min: 1);
        double? nonGpu = r.Quantity("non_gpu_power", Dimension.Watts, required: true, min: 0);
        double? pidle = r.Quantity("power_idle", Dimension.Watts, required: true, min: 0);
        double? memPower = r.Quantity("memory_power", Dimension.Watts, min: 0, max: 1e6);
        double? measured = r.Quantity("measured_training_power", Dimension.Watts, min: 1, max: 1e7);
        double? price = r.Quantity("price", Dimension.Usd, min: 0);
        int? ru = r.Int("rack_units", required: true, min: 1, max: 100);
        int? perHost = r.Int("gpus_per_host", min: 1, max: 1024);
        if (perHost is not null && gpus is not null && gpus.Value % perHost.Value != 0)
        {
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Mapping.Get("gpus_per_host")?.Location ?? r.Location, r.FieldPath("gpus_per_host"), perHost.Value.Inv(),
                $"must divide the node's {gpus.Value.Inv()} GPUs", "the hosts of a node are alike");
            return null;
        }
        if (name is null || gpu is null || gpus is null || cpus is null || cpuPower is null || mem is null || nics is null || nic is null
            || nicBw is null || fe is null || pmax is null || nonGpu is null || pidle is null || ru is null)
            return null;
        if (catalog.TryGet<GpuSpec>(gpu, out var gpuSpec) && pmax.Value <= gpuSpec.Tdp.Value * gpus.Value)
        {
            // The host's share of the nameplate (CPUs, NICs, fans) is what is left after the GPUs: it must be positive.
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Mapping.Get("power_max")?.Location ?? r.Location, r.FieldPath("power_max"), new Watts(pmax.Value).ToString(),
                $"must exceed the TDP of its {gpus.Value.Inv()} GPUs ({gpus.Value.Inv()} x {gpuSpec.Tdp} = {gpuSpec.Tdp * gpus.Value})", "the nameplate covers the GPUs and the host");
            return null;
        }
        if (gpuSpec is not null && cpus.Value * cpuPower.Value + (memPower ?? 0) > pmax.Value - gpuSpec.Tdp.Value * gpus.Value)
        {
            r.Diagnostics.Error(DiagnosticCodes.Inconsistent, r.Mapping.Get("cpu_power")?.Location ?? r.Location, r.FieldPath("cpu_power"), new Watts(cpuPower.Value).ToString(),
                $"the CPUs and host memory draw more than the nameplate leaves beside the GPUs ({new Watts(pmax.Value - gpuSpec.Tdp.Value * gpus.Value)})",
                "check power_max, cpus, cpu_power and memory_power together");
            return null;
        }
        return new NodeSpec
        {
            Id = entry.Id, Name = name, GpuId = gpu, GpusPerNode = gpus.Value, GpusPerHost = perHost ?? gpus.Value, Cpus = cpus.Value, CpuPower = new Watts(cpuPower.Value),
            HostMemory = new Bytes(mem.Value), BackendNics = nics.Value, BackendNicId = nic, BackendNicBandwidth = new BytesPerSecond(nicBw.Value),
            FrontendBandwidth = new BytesPerSecond(fe.Value), PowerMax = new Watts(pmax.Value), NonGpuPower = new Watts(nonGpu.Value),
            PowerIdle = new Watts(pidle.Value), MemoryPower = memPower is null ? null : new Watts(memPower.Value),
            MeasuredTrainingPower = measured is null ? null : new Watts(measured.Value), Price = price is null ? null : new Usd(price.Value), RackUnits = ru.Value,
        };
    }
}
