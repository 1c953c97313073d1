using Kolosseum.Catalog;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Economics;

/// <summary>Running costs of an owned cluster besides energy, the hidden costs of renting, and how busy an owned cluster is.</summary>
public sealed record OpexAssumptions : ICatalogItem<OpexAssumptions>
{
    public static string Kind => "opex";

    public required string Id { get; init; }
    public required string Name { get; init; }

    /// <summary>Maintenance, repairs and spares per year, as a fraction of hardware capex.</summary>
    public required double MaintenanceRate { get; init; }

    /// <summary>Site and cluster operations staff per MW of critical IT.</summary>
    public required double StaffPerMegawatt { get; init; }

    /// <summary>Loaded cost of one full-time employee per year.</summary>
    public required Usd StaffCost { get; init; }

    /// <summary>Property insurance per year, as a fraction of capex.</summary>
    public required double InsuranceRate { get; init; }

    /// <summary>What renting costs beyond the GPU-hour price (storage, networking, egress, support), as a fraction of it.</summary>
    public required double RentalOverhead { get; init; }

    /// <summary>Fraction of its life an owned cluster does useful work.</summary>
    public required double Utilisation { get; init; }

    public static OpexAssumptions? Bind(CatalogEntry entry, FieldReader r, Catalog.Catalog catalog)
    {
        string? name = r.String("name", required: true);
        double? maintenance = r.Quantity("maintenance_rate", Dimension.Percent, required: true, min: 0, max: 1);
        double? staff = r.Number("staff_per_mw", required: true, min: 0, max: 1000);
        double? staffCost = r.Quantity("staff_cost", Dimension.Usd, required: true, min: 0, max: 1e8);
        double? insurance = r.Quantity("insurance_rate", Dimension.Percent, required: true, min: 0, max: 1);
        double? overhead = r.Quantity("rental_overhead", Dimension.Percent, required: true, min: 0, max: 10);
        double? utilisation = r.Quantity("utilisation", Dimension.Percent, required: true, min: 0.01, max: 1);
        if (name is null || maintenance is null || staff is null || staffCost is null || insurance is null || overhead is null || utilisation is null) return null;
        return new OpexAssumptions
        {
            Id = entry.Id, Name = name, MaintenanceRate = maintenance.Value, StaffPerMegawatt = staff.Value, StaffCost = new Usd(staffCost.Value),
            InsuranceRate = insurance.Value, RentalOverhead = overhead.Value, Utilisation = utilisation.Value,
        };
    }
}
