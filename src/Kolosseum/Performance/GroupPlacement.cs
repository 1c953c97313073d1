namespace Kolosseum.Performance;

/// <summary>
/// Where a parallel group lies on the cluster. Ranks are numbered TP innermost, then CP, then EP,
/// then PP, then DP outermost, so a group of <see cref="Size"/> ranks at stride <see cref="Stride"/>
/// spans Size × Stride consecutive GPUs. <see cref="PerDomain"/> of its members share one scale-up
/// (NVLink) domain; when that is all of them the group never touches the network.
/// A group that fits in a domain but does not divide it (64-GPU expert groups in a 72-GPU NVL72 rack) is placed
/// inside one when the domain is built of several hosts and what whole groups leave of it is whole hosts: the job
/// then takes whole groups' worth of hosts in each domain and leaves the rest as spares, as the NVL72 benchmark
/// runs do (a 256-GPU job on four racks uses 16 of each rack's 18 four-GPU trays; Slurm's block topology
/// allocates a job's nodes rack by rack). The leftover GPUs do not train: the layout's GPU count is those that do.
/// The rule does not know how many domains the cluster has, so a layout that would need more racks than exist once
/// packed (every GPU of every rack with 64-GPU groups) is still priced as packed.
/// Inside one host (tp = 6 in an 8-GPU server) the leftover GPUs cannot be handed to anyone, so such a group
/// straddles hosts, as does any group larger than a domain.
/// </summary>
public readonly record struct GroupPlacement(int Size, long Stride, int PerDomain, long Span)
{
    /// <param name="host">GPUs of one host (server, compute tray) inside the domain; 0 or the domain: one host.</param>
    public static GroupPlacement Of(int size, long stride, int domain, int host = 0)
    {
        long span = size * stride;
        int perDomain;
        if (stride >= domain) perDomain = 1;
        else if (span <= domain) perDomain = domain % span == 0 || PacksWholeHosts(span, domain, host) ? size : 1;
        else perDomain = domain % stride == 0 ? (int)Math.Min(size, domain / stride) : 1;
        return new GroupPlacement(size, stride, perDomain, span);
    }

    /// <summary>Whole groups fill a domain of several hosts and leave whole hosts over.</summary>
    private static bool PacksWholeHosts(long span, int domain, int host) =>
        host > 0 && host < domain && (domain - domain / span * span) % host == 0;

    public bool WithinDomain => PerDomain >= Size;

    /// <summary>Domains the group spans.</summary>
    public int Domains => (Size + PerDomain - 1) / PerDomain;
}
