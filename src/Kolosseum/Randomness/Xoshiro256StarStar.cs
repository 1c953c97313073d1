namespace Kolosseum.Randomness;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018) with SplitMix64 seeding: the one generator behind every Monte-Carlo
/// stream. Our own rather than System.Random so that a seed means the same stream on every runtime; each
/// simulation derives one state per trial from (seed, trial), so no stream is shared between threads.
/// A mutable struct on purpose: keep it in a non-readonly field or pass it by <c>ref</c>, never copy it.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The state SplitMix64 expands from <paramref name="x"/> (the recommended seeding).</summary>
    public static Xoshiro256StarStar FromSplitMix(ulong x)
    {
        var r = new Xoshiro256StarStar();
        r._s0 = SplitMix(ref x);
        r._s1 = SplitMix(ref x);
        r._s2 = SplitMix(ref x);
        r._s3 = SplitMix(ref x);
        return r;
    }

    /// <summary>A given state (not all zero), for the reference vectors of the algorithm's authors.</summary>
    public static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("xoshiro256** never leaves the all-zero state");
        return new Xoshiro256StarStar { _s0 = s0, _s1 = s1, _s2 = s2, _s3 = s3 };
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
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

    /// <summary>Advances a SplitMix64 state and returns its next output.</summary>
    public static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            x += 0x9E3779B97F4A7C15UL;
            return Mix(x);
        }
    }

    /// <summary>SplitMix64's finaliser: a bijective 64-bit hash, for deriving seeds and digests.</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
