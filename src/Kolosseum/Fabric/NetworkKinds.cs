namespace Kolosseum.Fabric;

/// <summary>The link layer a switch speaks; it decides the collective efficiency and whether in-network reduction exists.</summary>
public enum NetworkTechnology
{
    Infiniband,
    Ethernet,
}

/// <summary>The physical medium of a link, in the order the designer prefers them (cheapest first, reach permitting).</summary>
public enum LinkMedium
{
    /// <summary>Passive or active copper (DAC, ACC): a few metres.</summary>
    Copper,

    /// <summary>Active optical cable: optics built into the cable ends.</summary>
    ActiveOptical,

    /// <summary>Multimode optics (SR4) on multimode fibre: about 50 m.</summary>
    Multimode,

    /// <summary>Single-mode optics (DR4, FR4) on single-mode fibre: 100 m to 2 km.</summary>
    Singlemode,

    /// <summary>Coherent optics for campus links beyond 2 km.</summary>
    Coherent,
}

/// <summary>What a cable entry is.</summary>
public enum CableKind
{
    /// <summary>Passive direct-attach copper.</summary>
    Dac,

    /// <summary>Active copper (re-timed), a little longer than DAC.</summary>
    Acc,

    /// <summary>Active optical cable.</summary>
    Aoc,

    /// <summary>Multimode fibre patch cord between two transceivers.</summary>
    MultimodeFiber,

    /// <summary>Single-mode fibre patch cord between two transceivers.</summary>
    SinglemodeFiber,
}
