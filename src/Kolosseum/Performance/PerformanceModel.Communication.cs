namespace Kolosseum.Performance;

public sealed partial class PerformanceModel
{
    /// <summary>
    /// Latency steps of a collective over p ranks: a ring's p−1, or a tree's 2·log2(p) once the ring's
    /// latency would dominate (NCCL switches algorithm the same way).
    /// </summary>
    private static double LatencySteps(int p) => p <= 1 ? 0 : Math.Min(p - 1, 2 * Math.Ceiling(Math.Log2(p)));

    private double NetworkBandwidth(long span) => _scaleOutBw / Oversubscription(span);

    /// <summary>The worst oversubscription a group spanning <paramref name="span"/> GPUs crosses (as <see cref="ClusterNetwork.OversubscriptionFor"/>).</summary>
    private double Oversubscription(long span)
    {
        double worst = 1;
        for (int i = 0; i < _levelSpan.Length; i++)
        {
            if (_levelOversubscription[i] > worst) worst = _levelOversubscription[i];
            if (span <= _levelSpan[i]) return worst;
        }
        return worst;
    }

    /// <summary>All-reduce over a placed group: NVLink inside a domain, hierarchical (intra RS, inter AR, intra AG) across domains.</summary>
    private double GroupAllReduce(double bytes, in GroupPlacement g)
    {
        if (g.Size <= 1 || bytes <= 0) return 0;
        if (g.WithinDomain)
            return 2.0 * (g.Size - 1) / g.Size * bytes / _scaleUpBw + 2 * LatencySteps(g.Size) * _scaleUpAlpha;
        double bw = NetworkBandwidth(g.Span);
        int k = g.PerDomain;
        int domains = g.Domains;
        double inter = 2.0 * (domains - 1) / domains * (bytes / k) / bw + 2 * LatencySteps(domains) * _scaleOutAlpha;
        if (k == 1) return inter;
        double intra = 2 * ((double)(k - 1) / k * bytes / _scaleUpBw + (k - 1) * _scaleUpAlpha);
        return intra + inter;
    }

    /// <summary>Reduce-scatter (or all-gather: same cost) over a placed group.</summary>
    private double GroupReduceScatter(double bytes, in GroupPlacement g)
    {
        if (g.Size <= 1 || bytes <= 0) return 0;
        if (g.WithinDomain)
            return (double)(g.Size - 1) / g.Size * bytes / _scaleUpBw + LatencySteps(g.Size) * _scaleUpAlpha;
        double bw = NetworkBandwidth(g.Span);
        int k = g.PerDomain;
        int domains = g.Domains;
        double inter = (double)(domains - 1) / domains * (bytes / k) / bw + LatencySteps(domains) * _scaleOutAlpha;
        if (k == 1) return inter;
        return (double)(k - 1) / k * bytes / _scaleUpBw + (k - 1) * _scaleUpAlpha + inter;
    }

    /// <summary>All-to-all where each rank sends <paramref name="bytes"/> in all; the share leaving the domain crosses the NICs.</summary>
    private double GroupAllToAll(double bytes, in GroupPlacement g)
    {
        if (g.Size <= 1 || bytes <= 0) return 0;
        double local = (double)(Math.Min(g.PerDomain, g.Size) - 1) / g.Size * bytes / _scaleUpBw;
        if (g.WithinDomain) return local + (g.Size - 1) * _scaleUpAlpha;
        double remote = (double)(g.Size - g.PerDomain) / g.Size * bytes / NetworkBandwidth(g.Span);
        return Math.Max(local, remote) + (g.Size - 1) * _scaleOutAlpha;
    }

    /// <summary>Point-to-point between pipeline neighbours <paramref name="distance"/> ranks apart.</summary>
    private double PointToPoint(double bytes, long distance) =>
        distance < _domain ? bytes / _scaleUpBw + _scaleUpAlpha : bytes / NetworkBandwidth(distance + 1) + _scaleOutAlpha;

    /// <summary>Tensor-parallel collectives of one layer per micro-batch: 2 in the forward pass, 2 in the backward.</summary>
    private double TensorParallelPerCollective(in LayoutContext c)
    {
        if (c.Tp <= 1) return 0;
        var group = GroupPlacement.Of(c.Tp, 1, _domain);
        double bytes = 2 * c.Tokens * _h;
        // With sequence parallelism each all-reduce becomes a reduce-scatter plus an all-gather: same volume.
        return c.Sp ? 2 * GroupReduceScatter(bytes, group) : GroupAllReduce(bytes, group);
    }

    /// <summary>Ring-attention exchange of one layer per micro-batch (forward, backward), before overlap.</summary>
    private (double Forward, double Backward) ContextParallel(in LayoutContext c)
    {
        if (c.Cp <= 1) return (0, 0);
        var group = GroupPlacement.Of(c.Cp, c.Tp, _domain);
        double kvBytes = 2 * c.Tokens * (_g / c.Tp) * (_dqk + _dv);
        double step = group.WithinDomain ? kvBytes / _scaleUpBw + _scaleUpAlpha : kvBytes / NetworkBandwidth(group.Span) + _scaleOutAlpha;
        double forward = (c.Cp - 1) * step;
        return (forward, 2 * forward);
    }

    /// <summary>Data-parallel placement: CP ranks share gradients with DP ranks (one reduction over dp × cp).</summary>
    private GroupPlacement DataParallelGroup(in LayoutContext c, int size)
    {
        if (c.Cp > 1) return GroupPlacement.Of(size, c.Tp, _domain) with { Span = c.Gpus };
        long stride = (long)c.Tp * c.Pp;
        return GroupPlacement.Of(size, stride, _domain);
    }
}
