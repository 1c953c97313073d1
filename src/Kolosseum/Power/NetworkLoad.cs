using Kolosseum.Units;

namespace Kolosseum.Power;

/// <summary>One kind of network part in a cluster: how many, their total draw and, where known, their total price.</summary>
public sealed record NetworkLine(string Name, long Count, Watts Power, Usd? Cost);

/// <summary>
/// The network's contribution to power and capex, handed in as plain values so that a fabric design
/// (switches by tier, transceivers by type) can supply it. Without a design it is an approximation from
/// published shares, and every output says so.
/// </summary>
public sealed record NetworkLoad
{
    /// <summary>Switches, transceivers, front-end and storage network, each with its count, watts and cost.</summary>
    public required IReadOnlyList<NetworkLine> Lines { get; init; }

    /// <summary>True when no design was given: power and capex then come from published shares.</summary>
    public required bool IsApproximation { get; init; }

    /// <summary>Where the figures come from, in words ("fabric design: ...", or the approximation used).</summary>
    public required string Basis { get; init; }

    /// <summary>GPU count the design was made for (lines scale with it when the site-fit search tries other sizes).</summary>
    public required long DesignedForGpus { get; init; }

    public Watts Power => new(Lines.Sum(l => l.Power.Value));

    /// <summary>Total network price when every line has one; null otherwise (the capex model then uses the network share).</summary>
    public Usd? Cost => Lines.Count > 0 && Lines.All(l => l.Cost is not null) ? new Usd(Lines.Sum(l => l.Cost!.Value.Value)) : null;

    /// <summary>No design: the power model adds the sizing rule's non-server share and the capex model the network share.</summary>
    public static NetworkLoad Approximate(long gpus) => new()
    {
        Lines = [], IsApproximation = true, DesignedForGpus = gpus,
        Basis = "approximation (no fabric design given): network, storage and CPU-node power as a share of server power, network capex as a share of hardware",
    };

    /// <summary>A designed network for <paramref name="gpus"/> GPUs.</summary>
    public static NetworkLoad FromDesign(IReadOnlyList<NetworkLine> lines, long gpus, string basis)
    {
        foreach (var l in lines)
        {
            if (l.Count < 0 || !double.IsFinite(l.Power.Value) || l.Power.Value < 0 || (l.Cost is { } c && (!double.IsFinite(c.Value) || c.Value < 0)))
                throw new ArgumentException($"network line '{l.Name}' has a negative or non-finite count, power or cost", nameof(lines));
        }
        return new() { Lines = lines, IsApproximation = false, DesignedForGpus = gpus, Basis = basis };
    }

    /// <summary>The same design scaled in proportion to a different GPU count (used only to search for the largest cluster a site fits).</summary>
    public NetworkLoad ScaledTo(long gpus)
    {
        if (IsApproximation || gpus == DesignedForGpus) return this with { DesignedForGpus = gpus };
        double k = (double)gpus / DesignedForGpus;
        return this with
        {
            DesignedForGpus = gpus,
            Lines = [.. Lines.Select(l => l with { Count = (long)Math.Ceiling(l.Count * k), Power = l.Power * k, Cost = l.Cost is { } c ? c * k : null })],
        };
    }
}
