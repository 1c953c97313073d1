using Kolosseum.Units;

namespace Kolosseum.Performance;

/// <summary>
/// One level of the scale-out fabric as a collective sees it: a group whose GPUs all lie within
/// <see cref="GpusWithin"/> GPUs of each other shares this level's oversubscription.
/// Level 0 is the non-blocking pod (island); the last level spans the whole cluster.
/// </summary>
public sealed record NetworkLevel(string Name, long GpusWithin, double Oversubscription, int SwitchHops);

/// <summary>
/// What the performance model needs to know about the network: the scale-up domain (NVLink) and the
/// scale-out fabric (one NIC per GPU, levels of oversubscription). Built from the catalog GPU/node, or
/// from a designed fabric (Fabric/), which knows the islands and the oversubscribed top tier.
/// </summary>
public sealed record ClusterNetwork
{
    public required int ScaleUpDomain { get; init; }

    /// <summary>GPUs of one host (server, compute tray) inside the scale-up domain; 0: the domain is one host.</summary>
    public int ScaleUpHost { get; init; }

    /// <summary>Per GPU, one direction.</summary>
    public required BytesPerSecond ScaleUpBandwidth { get; init; }
    public required double ScaleUpEfficiency { get; init; }
    public required Duration ScaleUpLatency { get; init; }

    /// <summary>NIC line rate per GPU, one direction.</summary>
    public required BytesPerSecond ScaleOutBandwidth { get; init; }

    /// <summary>Fraction of line rate collectives reach on this fabric (protocol overhead, congestion, adaptive routing).</summary>
    public required double ScaleOutEfficiency { get; init; }

    /// <summary>Latency of one scale-out collective step (NIC + switch hops + software).</summary>
    public required Duration ScaleOutLatency { get; init; }

    /// <summary>Fabric levels from the innermost (non-blocking island) to the whole cluster.</summary>
    public required IReadOnlyList<NetworkLevel> Levels { get; init; }

    /// <summary>Oversubscription a group spanning <paramref name="span"/> consecutive GPUs pays (the worst level it crosses).</summary>
    public double OversubscriptionFor(long span)
    {
        double worst = 1;
        foreach (var level in Levels)
        {
            if (span <= level.GpusWithin) return Math.Max(worst, level.Oversubscription);
            worst = Math.Max(worst, level.Oversubscription);
        }
        return worst;
    }

    /// <summary>Port-to-port latency of one switch hop beyond the first (which <see cref="ScaleOutLatency"/> includes).</summary>
    public Duration SwitchHopLatency { get; init; }

    /// <summary>The switches reduce in the network (SHARP): an all-reduce sends its data across each link once, not twice.</summary>
    public bool InNetworkReduction { get; init; }

    /// <summary>Switch hops between the two most distant GPUs of a group spanning <paramref name="span"/> consecutive GPUs.</summary>
    public int SwitchHopsFor(long span)
    {
        int hops = 0;
        foreach (var level in Levels)
        {
            hops = level.SwitchHops;
            if (span <= level.GpusWithin) break;
        }
        return hops;
    }

    /// <summary>Latency of one scale-out step for a group spanning <paramref name="span"/> GPUs: NIC and first hop, plus the hops beyond.</summary>
    public Duration ScaleOutLatencyFor(long span) => ScaleOutLatency + SwitchHopLatency * Math.Max(0, SwitchHopsFor(span) - 1);
}
