using Kolosseum.Randomness;

namespace Kolosseum.Uncertainty;

/// <summary>
/// Latin-hypercube probabilities (McKay, Beckman and Conover 1979): for each dimension the N samples fall one
/// in each of N equal strata of [0, 1], the strata shuffled independently per dimension, so every input's
/// whole range is covered with few samples. Drawn sequentially from one seeded stream per dimension, so
/// the design depends on the seed, N and the dimension alone, never on threads.
/// </summary>
public static class LatinHypercube
{
    /// <summary>u[sample][dimension], each in (0, 1).</summary>
    public static double[][] Draw(int samples, int dimensions, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        var u = new double[samples][];
        for (int i = 0; i < samples; i++) u[i] = new double[dimensions];
        var strata = new int[samples];
        for (int d = 0; d < dimensions; d++)
        {
            var rng = Xoshiro256StarStar.FromSplitMix(Xoshiro256StarStar.Mix(unchecked(seed + 0x9E3779B97F4A7C15UL * (ulong)(d + 1))));
            for (int i = 0; i < samples; i++) strata[i] = i;
            for (int i = samples - 1; i > 0; i--)
            {
                int j = (int)(rng.Next() % (ulong)(i + 1));
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }
            for (int i = 0; i < samples; i++)
            {
                // 53 random bits, strictly inside the stratum.
                double jitter = ((rng.Next() >> 11) + 0.5) / (1UL << 53);
                u[i][d] = (strata[i] + jitter) / samples;
            }
        }
        return u;
    }
}
