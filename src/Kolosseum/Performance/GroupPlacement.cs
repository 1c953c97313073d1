namespace Kolosseum.Performance;

/// <summary>
/// Where a parallel group lies on the cluster. Ranks are numbered TP innermost, then CP, then EP,
/// then PP, then DP outermost, so a group of <see cref="Size"/> ranks at stride <see cref="Stride"/>
/// spans Size × Stride consecutive GPUs. <see cref="PerDomain"/> of its members share one scale-up
/// (NVLink) domain; when that is all of them the group never touches the network.
/// </summary>
public readonly record struct GroupPlacement(int Size, long Stride, int PerDomain, long Span)
{
    public static GroupPlacement Of(int size, long stride, int domain)
    {
        long span = size * stride;
        int perDomain;
        if (stride >= domain) perDomain = 1;
        else if (span <= domain) perDomain = domain % span == 0 ? size : 1; // misaligned groups straddle domains
        else perDomain = domain % stride == 0 ? (int)Math.Min(size, domain / stride) : 1;
        return new GroupPlacement(size, stride, perDomain, span);
    }

    public bool WithinDomain => PerDomain >= Size;

    /// <summary>Domains the group spans.</summary>
    public int Domains => (Size + PerDomain - 1) / PerDomain;
}
