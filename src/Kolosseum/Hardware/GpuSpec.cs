using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Hardware;

/// <summary>An accelerator: peaks, memory, power, scale-up domain and price. Peaks are dense (not sparse).</summary>
public sealed record GpuSpec : ICatalogItem<GpuSpec>
{
    public static string Kind => "gpus";

    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Vendor { get; init; }
    public required FlopsPerSecond PeakBf16 { get; init; }
    public required FlopsPerSecond PeakFp16 { get; init; }

    /// <summary>Null where the GPU has no FP8 tensor cores (A100).</summary>
    public FlopsPerSecond? PeakFp8 { get; init; }

    public required Bytes Hbm { get; init; }
    public required BytesPerSecond HbmBandwidth { get; init; }
    public required Watts Tdp { get; init; }
    public required Watts IdlePower { get; init; }

    /// <summary>Draw in the compute-heavy phase of a training step; null where the catalog has no figure (the power model then uses TDP and says so).</summary>
    public Watts? ComputePower { get; init; }

    /// <summary>Draw while waiting in collectives (NCCL kernels keep some SMs and HBM busy); null: the power model uses <see cref="IdlePower"/> and says so.</summary>
    public Watts? CommunicationPower { get; init; }

    /// <summary>How fast one GPU's draw moves between the compute and communication levels; sets the ramp rate of a synchronous job. Null: unknown.</summary>
    public Duration? PowerTransition { get; init; }

    /// <summary>Scale-up (NVLink / Infinity Fabric) bandwidth per GPU, one direction.</summary>
    public required BytesPerSecond ScaleUpBandwidth { get; init; }

    /// <summary>GPUs in one scale-up domain: 8 for HGX, 72 for GB200 NVL72.</summary>
    public required int ScaleUpDomain { get; init; }

    public Usd? Price { get; init; }

    /// <summary>Streaming multiprocessors (compute units): matrix multiplies run in waves of one tile per SM.</summary>
    public required int StreamingMultiprocessors { get; init; }

    public required GpuEfficiency Efficiency { get; init; }

    public FlopsPerSecond Peak(Precision precision) => precision switch
    {
        Precision.Fp8 => PeakFp8 ?? PeakBf16,
        Precision.Fp16 => PeakFp16,
        _ => PeakBf16,
    };

    public bool Supports(Precision precision) => precision != Precision.Fp8 || PeakFp8 is not null;

    public static GpuSpec? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        string? vendor = r.String("vendor", required: true);
        r.Int("year", min: 1990, max: 2100);
        double? bf16 = r.Quantity("peak_bf16", Dimension.FlopsPerSecond, required: true, min: 1e9);
        double? fp16 = r.Quantity("peak_fp16", Dimension.FlopsPerSecond, min: 1e9);
        double? fp8 = r.Quantity("peak_fp8", Dimension.FlopsPerSecond, min: 1e9);
        double? hbm = r.Quantity("hbm", Dimension.Bytes, required: true, min: 1e6);
        double? hbmBw = r.Quantity("hbm_bandwidth", Dimension.BytesPerSecond, required: true, min: 1e6);
        double? tdp = r.Quantity("tdp", Dimension.Watts, required: true, min: 1);
        double? idle = r.Quantity("idle_power", Dimension.Watts, required: true, min: 0);
        double? computePower = r.Quantity("compute_power", Dimension.Watts, min: 1, max: 1e5);
        double? commPower = r.Quantity("communication_power", Dimension.Watts, min: 0, max: 1e5);
        double? transition = r.Quantity("power_transition", Dimension.Duration, min: 1e-6, max: 3600);
        double? scaleUp = r.Quantity("scaleup_bandwidth", Dimension.BytesPerSecond, required: true, min: 1e6);
        int? domain = r.Int("scaleup_domain", required: true, min: 1, max: 100_000);
        double? price = r.Quantity("price", Dimension.Usd, min: 0);
        int? sms = r.Int("sm_count", required: true, min: 1, max: 100_000);
        var eff = r.Map("efficiency", required: true);
        GpuEfficiency? efficiency = null;
        if (eff is not null)
        {
            double? mm = eff.Number("matmul", required: true, min: 0.01, max: 1);
            double? mm8 = eff.Number("matmul_fp8", required: true, min: 0.01, max: 1);
            double? half = eff.Number("matmul_half_dim", required: true, min: 0, max: 1e6);
            double? fa = eff.Number("flash_attention", required: true, min: 0.01, max: 1);
            double? mem = eff.Number("memory", required: true, min: 0.01, max: 1);
            double? su = eff.Number("scaleup", required: true, min: 0.01, max: 1);
            double? tpOverlap = eff.Number("tp_overlap", required: true, min: 0, max: 1);
            double? suLat = eff.Quantity("scaleup_latency", Dimension.Duration, required: true, min: 0, max: 1);
            double? kov = eff.Quantity("kernel_overhead", Dimension.Duration, required: true, min: 0, max: 1);
            double? reserve = eff.Quantity("memory_reserve", Dimension.Bytes, required: true, min: 0);
            double? frag = eff.Number("allocator_overhead", required: true, min: 0, max: 1);
            eff.Finish();
            if (mm is not null && mm8 is not null && half is not null && fa is not null && mem is not null && su is not null && suLat is not null && kov is not null
                && reserve is not null && frag is not null && tpOverlap is not null)
            {
                efficiency = new GpuEfficiency
                {
                    Matmul = mm.Value, MatmulFp8 = mm8.Value, MatmulHalfDim = half.Value, FlashAttention = fa.Value,
                    Memory = mem.Value, ScaleUp = su.Value, ScaleUpLatency = new Duration(suLat.Value), KernelOverhead = new Duration(kov.Value),
                    MemoryReserve = new Bytes(reserve.Value), AllocatorOverhead = frag.Value, TpOverlap = tpOverlap.Value,
                };
            }
        }
        if (name is null || vendor is null || bf16 is null || hbm is null || hbmBw is null || tdp is null || idle is null || scaleUp is null || domain is null || efficiency is null || sms is null)
            return null;
        return new GpuSpec
        {
            Id = entry.Id,
            Name = name,
            Vendor = vendor,
            PeakBf16 = new FlopsPerSecond(bf16.Value),
            PeakFp16 = new FlopsPerSecond(fp16 ?? bf16.Value),
            PeakFp8 = fp8 is null ? null : new FlopsPerSecond(fp8.Value),
            Hbm = new Bytes(hbm.Value),
            HbmBandwidth = new BytesPerSecond(hbmBw.Value),
            Tdp = new Watts(tdp.Value),
            IdlePower = new Watts(idle.Value),
            ComputePower = computePower is null ? null : new Watts(computePower.Value),
            CommunicationPower = commPower is null ? null : new Watts(commPower.Value),
            PowerTransition = transition is null ? null : new Duration(transition.Value),
            ScaleUpBandwidth = new BytesPerSecond(scaleUp.Value),
            ScaleUpDomain = domain.Value,
            Price = price is null ? null : new Usd(price.Value),
            StreamingMultiprocessors = sms.Value,
            Efficiency = efficiency,
        };
    }
}
