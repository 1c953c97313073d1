using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>
/// What a rental price commits the renter to, and the price a run of a given length may really have (docs/economics.md,
/// "Rental term"). A 1-year contract rate is not on offer for 44 days: either the run pays the whole commitment, or it rents
/// at a price whose term covers it (on demand, capacity blocks), whichever costs less.
/// </summary>
public static class RentalTerm
{
    /// <summary>The shortest time a price's commitment bills for; null when it bills by the hour (on demand, capacity blocks).</summary>
    public static Duration? Minimum(Commitment commitment) => commitment switch
    {
        Commitment.OneYear => Duration.FromYears(1),
        Commitment.ThreeYear => Duration.FromYears(3),
        // "Multi-year" contracts are at least two years by name.
        Commitment.MultiYear => Duration.FromYears(2),
        _ => null,
    };

    /// <summary>How a rented run is priced when its price commits longer than the run.</summary>
    public sealed record Choice(HourlyRate Price, Duration? BilledAtLeast, string Basis);

    /// <summary>
    /// For a run of <paramref name="wall"/> on <paramref name="price"/>: unchanged when the term covers the run; else the cheaper of
    /// paying the whole commitment and the hourly-billed catalog price for the same GPU observed nearest to it (earlier on a tie).
    /// </summary>
    public static Choice? ForRun(RentalPrice price, Duration wall, Catalog.Catalog catalog)
    {
        if (Minimum(price.Commitment) is not { } term || wall >= term) return null;
        double commitment = price.PricePerGpuHour.UsdPerHour * term.Hours;
        var shortTerm = catalog.All<RentalPrice>()
            .Where(p => p.GpuId == price.GpuId && Minimum(p.Commitment) is null)
            .OrderBy(p => Math.Abs(Months(p.Observed) - Months(price.Observed)))
            .ThenBy(p => Months(p.Observed))
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        string committed = $"{price.Id} is a {EnumName(price.Commitment)} price: a {UnitFormat.Number(wall.Days)}-day run does not cover its {UnitFormat.Number(term.Years)}-year term";
        if (shortTerm is not null && shortTerm.PricePerGpuHour.UsdPerHour * wall.Hours < commitment)
            return new Choice(shortTerm.PricePerGpuHour, null,
                $"{committed}, so it rents at {shortTerm.Id} ({shortTerm.Provider}, {EnumName(shortTerm.Commitment)}, {shortTerm.Observed}: {shortTerm.PricePerGpuHour} per GPU), less than paying the whole commitment");
        return new Choice(price.PricePerGpuHour, term, $"{committed}, so it pays the whole commitment ({UnitFormat.Number(term.Years)} year{(term.Years == 1 ? "" : "s")} of every GPU)");
    }

    private static string EnumName(Commitment c) => Yaml.EnumNames<Commitment>.Name(c).Replace('_', ' ');

    /// <summary>"YYYY-MM" (or "YYYY") as months since year 0; unparsable dates sort last.</summary>
    private static int Months(string observed)
    {
        var parts = observed.Split('-');
        if (parts.Length >= 1 && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int y))
        {
            int m = parts.Length >= 2 && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int mm) ? mm : 6;
            return y * 12 + m - 1;
        }
        return int.MaxValue / 2;
    }
}
