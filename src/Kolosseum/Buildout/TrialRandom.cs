using Kolosseum.Randomness;

namespace Kolosseum.Buildout;

/// <summary>
/// The random stream of one build-out trial: <see cref="Xoshiro256StarStar"/> seeded from (seed, trial
/// index). Each trial owns its stream, so a trial draws the same numbers whichever thread runs it and in
/// whatever order, and results are identical for a seed whatever the thread count.
/// A mutable struct on purpose: pass it by <c>ref</c>, never copy it.
/// </summary>
public struct TrialRandom
{
    private Xoshiro256StarStar _bits;

    public TrialRandom(ulong seed, long trial)
    {
        // Mix the seed first, then add the trial: (seed, trial) and (seed + 1, trial - 1) must not collide.
        _bits = Xoshiro256StarStar.FromSplitMix(unchecked(Xoshiro256StarStar.Mix(seed ^ 0x243F6A8885A308D3UL) + (ulong)trial * 0x9E3779B97F4A7C15UL));
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => _bits.Next();

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1): safe to take the logarithm of.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by the Marsaglia polar method.</summary>
    public double NextNormal()
    {
        while (true)
        {
            double u = 2 * NextDouble() - 1;
            double v = 2 * NextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) return u * Math.Sqrt(-2 * Math.Log(s) / s);
        }
    }

    /// <summary>Gamma(shape, 1) for shape ≥ 1 (Marsaglia and Tsang 2000); beta-PERT shapes are always ≥ 1.</summary>
    public double NextGamma(double shape)
    {
        double d = shape - 1.0 / 3.0;
        double c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = NextNormal();
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = NextOpenDouble();
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2) return d * v;
            if (Math.Log(u) < 0.5 * x2 + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>Beta(a, b) on [0, 1] for a, b ≥ 1, as X / (X + Y) with X, Y independent gammas.</summary>
    public double NextBeta(double a, double b)
    {
        double x = NextGamma(a);
        double y = NextGamma(b);
        return x / (x + y);
    }
}
