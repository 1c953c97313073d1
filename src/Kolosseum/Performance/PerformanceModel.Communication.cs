namespace Kolosseum.Performance;

public sealed partial class PerformanceModel
{
    /// <summary>
    /// Latency steps of a collective over p ranks: a ring's p−1, or a tree's 2·log2(p) once the ring's
    /// latency would dominate (NCCL switches algorithm the same way).
    /// </summary>
    private static double LatencySteps(int p) => p <= 1 ? 0 : Math.Min(p - 1, 2 * Math.Ceiling(Math.Log2(p)));

    /// <summary>
    /// Per-GPU bandwidth the ring of a placed group reaches on the scale-out fabric. An oversubscribed level
    /// (the top tier above the islands) slows only the ring edges that leave a block of the level below:
    /// with n of the ring's members inside one block, one edge in n crosses, and every block's rings
    /// together push (block GPUs / n) flows through uplinks built for (block GPUs / ρ). The ring slows
    /// only when n &lt; ρ, by ρ/n: the cost grows with the share of traffic that crosses, not with the
    /// group's size (NCCL's rings and trees follow the rank order, so consecutive members stay together).
    /// </summary>
    private double NetworkBandwidth(in GroupPlacement g) => _scaleOutBw / CrossingOversubscription(g.Size, g.Span, Math.Max(1, g.PerDomain));

    /// <summary>
    /// Bandwidth of the point-to-point flows between pipeline neighbours <paramref name="distance"/> GPUs apart:
    /// all stages send at once, and of a block's GPUs only the <paramref name="distance"/> at its edge send
    /// across it, so an oversubscribed level slows them only when distance·ρ exceeds the block.
    /// </summary>
    private double NetworkBandwidth(long distance)
    {
        double worst = _levelOversubscription.Length > 0 ? Math.Max(1, _levelOversubscription[0]) : 1;
        for (int i = 0; i + 1 < _levelSpan.Length; i++)
        {
            if (distance < _levelSpan[i]) break;
            worst = Math.Max(worst, _levelOversubscription[i + 1] * Math.Min(1, (double)distance / _levelSpan[i]));
        }
        return _scaleOutBw / worst;
    }

    /// <summary>
    /// The oversubscription a ring of <paramref name="size"/> ranks over <paramref name="span"/> consecutive GPUs
    /// (<paramref name="perDomain"/> of them per scale-up domain, reduced inside it first) feels: for each level
    /// it leaves, that level's ρ divided by the ring members inside one block of the level below, at least 1.
    /// </summary>
    private double CrossingOversubscription(int size, long span, int perDomain)
    {
        double worst = _levelOversubscription.Length > 0 ? Math.Max(1, _levelOversubscription[0]) : 1;
        for (int i = 0; i + 1 < _levelSpan.Length; i++)
        {
            if (span <= _levelSpan[i]) return worst;
            double rho = _levelOversubscription[i + 1];
            if (rho <= 1) continue;
            // Members of the group inside one block of level i (the group is spread evenly over its span),
            // counted as ring members of the inter-domain ring.
            double inBlock = Math.Min(size, Math.Max(1, size * (double)_levelSpan[i] / span));
            double ringMembers = Math.Max(1, inBlock / perDomain);
            worst = Math.Max(worst, Math.Max(1, rho / ringMembers));
        }
        return worst;
    }

    /// <summary>A ring that is not reduced inside the domain first (ring attention): every member is a ring member.</summary>
    private double FlatRingBandwidth(in GroupPlacement g) => _scaleOutBw / CrossingOversubscription(g.Size, g.Span, 1);

    /// <summary>Inter-domain part of a hierarchical all-reduce (the NIC traffic): 1/k of the data over the domains' ring.</summary>
    private double InterAllReduce(double bytes, in GroupPlacement g)
    {
        if (g.Size <= 1 || bytes <= 0 || g.WithinDomain) return 0;
        int domains = g.Domains;
        return 2.0 * (domains - 1) / domains * (bytes / g.PerDomain) / NetworkBandwidth(g) + 2 * LatencySteps(domains) * _scaleOutAlpha;
    }

    /// <summary>Inter-domain part of a hierarchical reduce-scatter or all-gather (the NIC traffic).</summary>
    private double InterReduceScatter(double bytes, in GroupPlacement g)
    {
        if (g.Size <= 1 || bytes <= 0 || g.WithinDomain) return 0;
        int domains = g.Domains;
        return (double)(domains - 1) / domains * (bytes / g.PerDomain) / NetworkBandwidth(g) + LatencySteps(domains) * _scaleOutAlpha;
    }

    /// <summary>All-reduce over a placed group: NVLink inside a domain, hierarchical (intra RS, inter AR, intra AG) across domains.</summary>
    private double GroupAllReduce(double bytes, in GroupPlacement g)
    {
        if (g.Size <= 1 || bytes <= 0) return 0;
        if (g.WithinDomain)
            return 2.0 * (g.Size - 1) / g.Size * bytes / _scaleUpBw + 2 * LatencySteps(g.Size) * _scaleUpAlpha;
        int k = g.PerDomain;
        double inter = InterAllReduce(bytes, g);
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
        int k = g.PerDomain;
        double inter = InterReduceScatter(bytes, g);
        if (k == 1) return inter;
        return (double)(k - 1) / k * bytes / _scaleUpBw + (k - 1) * _scaleUpAlpha + inter;
    }

    /// <summary>
    /// All-to-all where each rank sends <paramref name="bytes"/> in all; the share leaving the domain crosses the NICs.
    /// The latency is <see cref="AllToAllLatencySteps"/> steps, not one per peer: NCCL exchanges with its peers together.
    /// </summary>
    private double GroupAllToAll(double bytes, in GroupPlacement g)
    {
        if (g.Size <= 1 || bytes <= 0) return 0;
        double local = (double)(Math.Min(g.PerDomain, g.Size) - 1) / g.Size * bytes / _scaleUpBw;
        int steps = AllToAllLatencySteps(g.Size);
        if (g.WithinDomain) return local + steps * _scaleUpAlpha;
        double remote = (double)(g.Size - g.PerDomain) / g.Size * bytes / AllToAllBandwidth(g);
        return Math.Max(local, remote) + steps * _scaleOutAlpha;
    }

    /// <summary>
    /// Peers whose sends and receives NCCL runs together in one work batch of a channel (NCCL_MAX_DEV_WORK_P2P_PER_BATCH,
    /// src/include/device.h of NVIDIA/nccl 2.19 on).
    /// </summary>
    internal const int AllToAllPeersPerStep = 8;

    /// <summary>
    /// Latency steps of an NCCL all-to-all over p ranks. NCCL's all-to-all is one group of p − 1 send/receive pairs
    /// (round r sends to rank + r and receives from rank − r); the enqueue packs up to 8 rounds into one work batch of
    /// a channel and spreads the rounds over channels (enqueue.cc, ncclP2pChannelBaseForRound), so the peers progress
    /// together and the exchange pays one step per batch of 8 peers, ⌈(p − 1)/8⌉, not one step per peer. A bound: with
    /// enough channels the batches run concurrently too.
    /// </summary>
    internal static int AllToAllLatencySteps(int p) => p <= 1 ? 0 : (p - 1 + AllToAllPeersPerStep - 1) / AllToAllPeersPerStep;

    /// <summary>
    /// Bandwidth of the off-domain share of an all-to-all: every member sends to every other, so the share
    /// that also leaves a block of an oversubscribed level is (members outside the block)/(members outside
    /// the domain), and all blocks send it at once through uplinks built for 1/ρ of their GPUs' rate.
    /// </summary>
    private double AllToAllBandwidth(in GroupPlacement g)
    {
        double worst = _levelOversubscription.Length > 0 ? Math.Max(1, _levelOversubscription[0]) : 1;
        double remote = Math.Max(1, g.Size - g.PerDomain);
        for (int i = 0; i + 1 < _levelSpan.Length; i++)
        {
            if (g.Span <= _levelSpan[i]) break;
            double rho = _levelOversubscription[i + 1];
            if (rho <= 1) continue;
            double inBlock = Math.Min(g.Size, Math.Max(1, g.Size * (double)_levelSpan[i] / g.Span));
            double crossing = Math.Max(0, g.Size - Math.Max(inBlock, g.PerDomain)) / remote;
            worst = Math.Max(worst, Math.Max(1, rho * crossing));
        }
        return _scaleOutBw / worst;
    }

    /// <summary>Point-to-point between pipeline neighbours <paramref name="distance"/> ranks apart.</summary>
    private double PointToPoint(double bytes, long distance) =>
        distance < _domain ? bytes / _scaleUpBw + _scaleUpAlpha : bytes / NetworkBandwidth(distance) + _scaleOutAlpha;

    /// <summary>Tensor-parallel collectives of one layer per micro-batch: 2 in the forward pass, 2 in the backward.</summary>
    private double TensorParallelPerCollective(in LayoutContext c)
    {
        if (c.Tp <= 1) return 0;
        var group = GroupPlacement.Of(c.Tp, 1, _domain, _host);
        double bytes = 2 * c.Tokens * _h;
        // With sequence parallelism each all-reduce becomes a reduce-scatter plus an all-gather: same volume.
        return c.Sp ? 2 * GroupReduceScatter(bytes, group) : GroupAllReduce(bytes, group);
    }

    /// <summary>Ring-attention exchange of one layer per micro-batch (forward, backward), before overlap.</summary>
    private (double Forward, double Backward) ContextParallel(in LayoutContext c)
    {
        if (c.Cp <= 1) return (0, 0);
        var group = GroupPlacement.Of(c.Cp, c.Tp, _domain, _host);
        double kvBytes = 2 * c.Tokens * (_g / c.Tp) * (_dqk + _dv);
        double step = group.WithinDomain ? kvBytes / _scaleUpBw + _scaleUpAlpha : kvBytes / FlatRingBandwidth(group) + _scaleOutAlpha;
        double forward = (c.Cp - 1) * step;
        return (forward, 2 * forward);
    }

    /// <summary>Data-parallel placement: CP ranks share gradients with DP ranks (one reduction over dp × cp).</summary>
    private GroupPlacement DataParallelGroup(in LayoutContext c, int size)
    {
        if (c.Cp > 1) return GroupPlacement.Of(size, c.Tp, _domain, _host) with { Span = c.Gpus };
        long stride = (long)c.Tp * c.Pp;
        return GroupPlacement.Of(size, stride, _domain, _host);
    }
}
