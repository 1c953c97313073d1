using Kolosseum.Randomness;

namespace Kolosseum.Reliability.Simulation;

/// <summary>
/// The random stream of one failure-simulation trial: <see cref="Xoshiro256StarStar"/> seeded from (seed,
/// trial index), so results do not depend on which thread runs which trial, or in what order.
/// </summary>
internal struct TrialRng
{
    private Xoshiro256StarStar _bits;

    public static TrialRng For(ulong seed, long trial)
    {
        unchecked
        {
            return new TrialRng { _bits = Xoshiro256StarStar.FromSplitMix(Xoshiro256StarStar.Mix(seed ^ Xoshiro256StarStar.Mix((ulong)trial + 0x632BE59BD9B4E019UL))) };
        }
    }

    public ulong NextULong() => _bits.Next();

    /// <summary>Uniform on (0, 1]: safe to take the logarithm of.</summary>
    public double NextOpen() => ((NextULong() >> 11) + 1) * (1.0 / 9007199254740992.0);

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / 9007199254740992.0);

    /// <summary>Exponential with mean 1.</summary>
    public double Exponential() => -Math.Log(NextOpen());

    /// <summary>Standard normal (Box-Muller, one value per call).</summary>
    public double Normal() => Math.Sqrt(-2 * Math.Log(NextOpen())) * Math.Cos(2 * Math.PI * NextDouble());
}
