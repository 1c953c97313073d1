using Kolosseum.Units;

namespace Kolosseum.Buildout;

/// <summary>How build-out spans and dates are written: days, so that every phase compares on one scale.</summary>
public static class BuildoutFormat
{
    public static string Days(Duration d) => UnitFormat.Number(d.Days) + " d";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The calendar day on which something that happens <paramref name="sinceStart"/> after the start happens.</summary>
    public static DateOnly DateAt(DateOnly start, Duration sinceStart)
    {
        double days = Math.Floor(sinceStart.Days + 1e-9);
        // The calendar ends at 9999-12-31; a later day (an absurd overrun) is that day rather than an exception.
        return start.AddDays((int)Math.Clamp(days, 0, DateOnly.MaxValue.DayNumber - start.DayNumber));
    }
}
