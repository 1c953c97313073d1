using Kolosseum.Diagnostics;
using Kolosseum.Power;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Economics;

/// <summary>
/// The <c>rental:</c> section of a cluster option: what renting this option's GPUs costs, as a catalog price
/// (<c>price: oracle-bm-h100-on-demand-2023</c>) or a given one (<c>price_per_gpu_hour: 3.80 USD/h</c>). Absent:
/// the scenario's <c>economics.rental</c> price applies. For an owned option it is the price owning is compared with.
/// </summary>
public sealed record RentalChoice : IOptionSection<RentalChoice>
{
    public static string Key => "rental";

    /// <summary>The catalog price chosen; null when a price was given or nothing was said.</summary>
    public RentalPrice? Catalog { get; init; }

    /// <summary>A price written in the scenario; null otherwise.</summary>
    public HourlyRate? Given { get; init; }

    public bool Specified => Catalog is not null || Given is not null;

    public static RentalChoice Read(FieldReader? section, OptionContext context)
    {
        if (section is null) return new RentalChoice();
        var bag = context.Scenario.Diagnostics;
        var catalog = context.Scenario.Catalog;
        string? id = section.String("price");
        double? given = section.Quantity("price_per_gpu_hour", Dimension.UsdPerHour, min: 1e-6 / 3600, max: 1000 / 3600.0, rangeHint: "per GPU-hour, e.g. 2.20 USD/h");
        if (id is not null && given is not null)
        {
            bag.Error(DiagnosticCodes.Inconsistent, section.Node("price")!.Location, section.FieldPath("price"), id,
                "give a catalog price or a price_per_gpu_hour, not both", "remove one of them");
            return new RentalChoice();
        }
        if (id is null && given is null)
        {
            section.Missing("price", "name a catalog rental price (see 'kolosseum catalog rental') or give price_per_gpu_hour");
            return new RentalChoice();
        }
        if (given is not null) return new RentalChoice { Given = new HourlyRate(given.Value) };
        var node = section.Node("price")!;
        if (!catalog.CheckId<RentalPrice>(id!, node.Location, section.FieldPath("price"), bag)) return new RentalChoice();
        var price = catalog.Get<RentalPrice>(id!);
        if (context.Gpu is { } gpu && price.GpuId != gpu.Id)
        {
            var same = catalog.All<RentalPrice>().Where(p => p.GpuId == gpu.Id).Select(p => p.Id).ToList();
            bag.Error(DiagnosticCodes.Inconsistent, node.Location, section.FieldPath("price"), id, $"this price rents {price.GpuId}, not {gpu.Id}",
                same.Count > 0 ? "prices for this GPU: " + string.Join(", ", same.Take(8)) : "give price_per_gpu_hour for this GPU");
            return new RentalChoice();
        }
        return new RentalChoice { Catalog = price };
    }

    /// <summary>The catalog price behind <see cref="Resolve"/>: null when a price was given (its term is the scenario's to know) or none applies.</summary>
    public RentalPrice? ResolveEntry(string gpuId, EconomicsSettings economics) =>
        Given is not null ? null : Catalog ?? (economics.Rental.GpuId == gpuId ? economics.Rental : null);

    /// <summary>The price this option rents at: its own, else the scenario's reference if it rents the same GPU; null when neither applies.</summary>
    public (HourlyRate Price, Assumption Echo)? Resolve(string optionName, string gpuId, EconomicsSettings economics, Catalog.Catalog catalog)
    {
        if (Given is { } g) return (g, new Assumption($"options[{optionName}].rental", g + " per GPU", "scenario"));
        if (Catalog is { } c)
            return (c.PricePerGpuHour, new Assumption($"options[{optionName}].rental", $"{c.Id}: {c.PricePerGpuHour} per GPU ({c.Provider}, {c.Commitment.Name()}, {c.Observed})", PowerSettings.Source(catalog, RentalPrice.Kind, c.Id, "price")));
        if (economics.Rental.GpuId == gpuId)
            return (economics.Rental.PricePerGpuHour, new Assumption($"options[{optionName}].rental", $"{economics.Rental.Id}: {economics.Rental.PricePerGpuHour} per GPU (economics.rental)",
                PowerSettings.Source(catalog, RentalPrice.Kind, economics.Rental.Id, "price")));
        return null;
    }
}
