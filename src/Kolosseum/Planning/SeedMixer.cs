namespace Kolosseum.Planning;

/// <summary>Independent, reproducible seeds for each option and each Monte-Carlo part from one plan seed.</summary>
public static class SeedMixer
{
    /// <summary>SplitMix64 of (seed, option, part): different parts never share a random stream.</summary>
    public static ulong Mix(ulong seed, int option, int part) =>
        Randomness.Xoshiro256StarStar.Mix(unchecked(seed + 0x9E3779B97F4A7C15UL * (ulong)(option * 16 + part + 1)));
}
