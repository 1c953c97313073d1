namespace Kolosseum.Performance;

/// <summary>
/// Alpha-beta costs of collectives (docs/performance-model.md, "Communication"): n is the full buffer in
/// bytes, p the ranks, bw the achieved per-rank bandwidth (bytes/s, one direction) and alpha the per-step
/// latency. Ring algorithms, as NCCL uses for large messages.
/// </summary>
public static class Collectives
{
    public static double AllReduce(double n, int p, double bw, double alpha) =>
        p <= 1 || n <= 0 ? 0 : 2.0 * (p - 1) / p * n / bw + 2.0 * (p - 1) * alpha;

    public static double ReduceScatter(double n, int p, double bw, double alpha) =>
        p <= 1 || n <= 0 ? 0 : (double)(p - 1) / p * n / bw + (p - 1) * alpha;

    public static double AllGather(double n, int p, double bw, double alpha) => ReduceScatter(n, p, bw, alpha);

    /// <summary>Pairwise all-to-all: each rank sends n bytes in all, (p-1)/p of them off-rank.</summary>
    public static double AllToAll(double n, int p, double bw, double alpha) =>
        p <= 1 || n <= 0 ? 0 : (double)(p - 1) / p * n / bw + (p - 1) * alpha;

    public static double PointToPoint(double n, double bw, double alpha) => n <= 0 ? 0 : n / bw + alpha;
}
