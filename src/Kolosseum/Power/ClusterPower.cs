using Kolosseum.Hardware;
using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>
/// Rolls a cluster's power up from its parts. GPUs draw their phase powers; the host (CPUs, memory, NICs,
/// NVSwitches, fans, PSU losses) draws its training-load share of its nameplate; network and storage draw a
/// constant. Nameplate totals give the critical IT capacity a site must provision.
/// </summary>
public static class ClusterPower
{
    public static PowerProfile Compute(ClusterInventory inv, double pue, StepPhases phases)
    {
        if (!(pue >= 1) || !double.IsFinite(pue)) throw new ArgumentOutOfRangeException(nameof(pue), pue, "PUE is at least 1");
        var notes = new List<string>();
        var gpu = inv.Gpu;
        var node = inv.Node;
        long nodes = inv.Nodes;
        long gpus = inv.Gpus;

        Watts computeW = gpu.ComputePower ?? gpu.Tdp;
        if (gpu.ComputePower is null) notes.Add($"{gpu.Id} has no compute_power in the catalog: its compute phase is taken at TDP ({gpu.Tdp})");
        Watts commW = gpu.CommunicationPower ?? gpu.IdlePower;
        if (gpu.CommunicationPower is null) notes.Add($"{gpu.Id} has no communication_power in the catalog: its communication phase is taken at its idle power ({gpu.IdlePower})");

        var components = new List<PowerComponent>
        {
            new("GPUs", gpus, gpu.Tdp * gpus, computeW * gpus, commW * gpus, gpu.IdlePower * gpus, gpu.IdlePower * gpus),
        };

        // The host: what the node draws beside its GPUs, at nameplate, under training load and idle.
        var host = HostShares(inv, computeW, notes);
        var cpuW = node.CpuPower * node.Cpus;
        var memW = node.MemoryPower ?? Watts.Zero;
        var restW = host.Nameplate - cpuW - memW;
        if (restW.Value < 0)
            throw new InvalidOperationException($"node {node.Id}: CPUs and memory exceed the power the nameplate leaves beside the GPUs");
        components.Add(HostPart("CPUs", nodes * node.Cpus, cpuW * nodes, host));
        if (node.MemoryPower is not null) components.Add(HostPart("Host memory", nodes, memW * nodes, host));
        components.Add(HostPart("Rest of server (NICs, NVSwitches, fans, drives, PSU losses)", nodes, restW * nodes, host));

        if (inv.Network.IsApproximation)
        {
            var servers = node.PowerMax * nodes;
            components.Add(PowerComponent.Constant("Network, storage and CPU nodes (approximation)", 0, servers * inv.Sizing.NonServerItShare));
            notes.Add($"no fabric design: network, storage and CPU nodes are {inv.Sizing.NonServerItShare.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)} of server nameplate ({inv.Sizing.Id}), drawn at all times");
        }
        else
        {
            foreach (var line in inv.Network.Lines) components.Add(PowerComponent.Constant(line.Name, line.Count, line.Power));
            components.Add(PowerComponent.Constant($"Storage ({inv.Storage.Id})", inv.StorageUnits, inv.Storage.Power * inv.StorageUnits));
        }
        return new PowerProfile { Components = components, Pue = pue, Phases = phases, Notes = notes };
    }

    /// <summary>The host's nameplate, and the fractions of it drawn under training load and when idle.</summary>
    private readonly record struct Host(Watts Nameplate, double LoadFraction, double IdleFraction);

    private static Host HostShares(ClusterInventory inv, Watts gpuCompute, List<string> notes)
    {
        var node = inv.Node;
        var nameplate = node.PowerMax - inv.Gpu.Tdp * node.GpusPerNode;
        if (nameplate.Value <= 0)
            throw new InvalidOperationException($"node {node.Id}: power_max does not exceed its GPUs' TDP");
        double load = node.NonGpuPower / nameplate;
        if (node.MeasuredTrainingPower is { } measured)
        {
            var hostAtLoad = measured - gpuCompute * node.GpusPerNode;
            if (hostAtLoad.Value > 0 && hostAtLoad <= nameplate) load = hostAtLoad / nameplate;
            else notes.Add($"{node.Id}: measured training power {measured} leaves no plausible host share beside {node.GpusPerNode} GPUs at {gpuCompute}; host taken at non_gpu_power");
        }
        else
        {
            notes.Add($"{node.Id} has no measured_training_power: the host is taken at its non_gpu_power ({node.NonGpuPower}) under load");
        }
        load = Math.Min(load, 1);
        double idle = Math.Clamp((node.PowerIdle - inv.Gpu.IdlePower * node.GpusPerNode) / nameplate, 0, load);
        return new Host(nameplate, load, idle);
    }

    private static PowerComponent HostPart(string name, long count, Watts nameplate, Host host)
    {
        var atLoad = nameplate * host.LoadFraction;
        return new PowerComponent(name, count, nameplate, atLoad, atLoad, atLoad, nameplate * host.IdleFraction);
    }
}
