namespace Kolosseum.Reliability.Simulation;

/// <summary>
/// xoshiro256** (Blackman and Vigna) seeded by SplitMix64 from (seed, trial index): each trial owns an
/// independent stream, so results do not depend on which thread runs which trial, or in what order.
/// Our own generator (not System.Random) so that a seed means the same stream on every runtime.
/// </summary>
internal struct TrialRng
{
    private ulong _s0, _s1, _s2, _s3;

    public static TrialRng For(ulong seed, long trial)
    {
        unchecked
        {
            ulong x = Mix(seed ^ Mix((ulong)trial + 0x632BE59BD9B4E019UL));
            var r = new TrialRng();
            r._s0 = SplitMix(ref x);
            r._s1 = SplitMix(ref x);
            r._s2 = SplitMix(ref x);
            r._s3 = SplitMix(ref x);
            return r;
        }
    }

    public ulong NextULong()
    {
        unchecked
        {
            ulong result = RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>Uniform on (0, 1]: safe to take the logarithm of.</summary>
    public double NextOpen() => ((NextULong() >> 11) + 1) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Exponential with mean 1.</summary>
    public double Exponential() => -Math.Log(NextOpen());

    /// <summary>Standard normal (Box-Muller, one value per call).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(NextOpen())) * Math.Cos(2 * Math.PI * NextDouble());

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            return Mix(x);
        }
    }

    internal static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
