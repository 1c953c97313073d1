using System.Globalization;
using Kolosseum.Power;
using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>What an asset class costs up front, over which life it is amortised, and how the figure was reached.</summary>
public sealed record CapexLine(string Name, Usd Amount, Duration Life, string Basis);

/// <summary>The up-front cost of an owned cluster, by asset class.</summary>
public sealed record CapexEstimate(IReadOnlyList<CapexLine> Lines, IReadOnlyList<string> Problems)
{
    public Usd Total => new(Lines.Sum(l => l.Amount.Value));

    /// <summary>Servers, network and storage: what the hardware life, maintenance rate and tornado's server price apply to.</summary>
    public Usd Hardware => new(Lines.Where(l => l.Name != FacilityName).Sum(l => l.Amount.Value));

    public Usd Facility => new(Lines.Where(l => l.Name == FacilityName).Sum(l => l.Amount.Value));

    public const string FacilityName = "Facility";

    /// <summary>
    /// Servers from the catalog node price (or an all-in price per GPU, split by the network share); network from the
    /// design's priced lines, else the network share of compute + network; storage units x unit price; the facility
    /// at its construction cost per watt of critical IT capacity (none for a leased site).
    /// </summary>
    public static CapexEstimate Build(ClusterInventory inv, PowerProfile power, FacilitySpec facility, CapexAssumptions capex, Usd? allInPerGpu,
        Duration hardwareLife, double serverPriceFactor = 1, double facilityCapexFactor = 1)
    {
        var lines = new List<CapexLine>();
        var problems = new List<string>();
        double share = capex.NetworkShare;
        if (allInPerGpu is { } allIn)
        {
            var computeNetwork = allIn * inv.Gpus * serverPriceFactor;
            lines.Add(new CapexLine("Servers", computeNetwork * (1 - share), hardwareLife, string.Create(CultureInfo.InvariantCulture, $"all-in {allIn} per GPU x {inv.Gpus:N0} GPUs x (1 - {share:P1} network share)")));
            lines.Add(new CapexLine("Network", computeNetwork * share, hardwareLife, string.Create(CultureInfo.InvariantCulture, $"all-in price x {share:P1} network share")));
        }
        else
        {
            Usd servers = Usd.Zero;
            if (inv.Node.Price is { } nodePrice)
            {
                servers = nodePrice * inv.Nodes * serverPriceFactor;
                lines.Add(new CapexLine("Servers", servers, hardwareLife, string.Create(CultureInfo.InvariantCulture, $"{inv.Nodes:N0} x {inv.Node.Id} at {nodePrice}")));
            }
            else
            {
                problems.Add($"node {inv.Node.Id} has no price in the catalog: give one under catalog: nodes:, or economics.all_in_per_gpu");
            }
            if (!inv.Network.IsApproximation && inv.Network.Cost is { } designed)
                lines.Add(new CapexLine("Network", designed, hardwareLife, inv.Network.Basis));
            else
                lines.Add(new CapexLine("Network", servers * (share / (1 - share)), hardwareLife,
                    string.Create(CultureInfo.InvariantCulture, $"approximation: {share:P1} of compute + network hardware (capex {capex.Id}); no priced fabric design")));
        }
        if (inv.Storage.Price is { } unitPrice)
            lines.Add(new CapexLine("Storage", unitPrice * inv.StorageUnits, hardwareLife, string.Create(CultureInfo.InvariantCulture, $"{inv.StorageUnits:N0} x {inv.Storage.Id} at {unitPrice}")));
        else
            problems.Add($"storage {inv.Storage.Id} has no price in the catalog: storage capex left out");
        if (facility.CapexPerWatt is { } perWatt && facility.Life is { } facilityLife)
            lines.Add(new CapexLine(FacilityName, new Usd(power.ItCapacity.Value * perWatt * facilityCapexFactor), facilityLife,
                string.Create(CultureInfo.InvariantCulture, $"{power.ItCapacity} critical IT x ${perWatt * facilityCapexFactor:0.##}M/MW ({facility.Id})")));
        return new CapexEstimate(lines, problems);
    }
}
