namespace Kolosseum.Planning;

/// <summary>Independent, reproducible seeds for each option and each Monte-Carlo part from one plan seed.</summary>
public static class SeedMixer
{
    /// <summary>SplitMix64 of (seed, option, part): different parts never share a random stream.</summary>
    public static ulong Mix(ulong seed, int option, int part)
    {
        unchecked // wrapping arithmetic is the point of a hash
        {
            ulong z = seed + 0x9E3779B97F4A7C15UL * (ulong)(option * 16 + part + 1);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
