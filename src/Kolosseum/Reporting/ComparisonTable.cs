using System.Collections.Immutable;

namespace Kolosseum.Reporting;

/// <summary>Which way a criterion is better, so the table can mark the winner.</summary>
public enum Better
{
    /// <summary>Not ranked (a layout, a site name): no winner is marked.</summary>
    None,
    Lower,
    Higher,
}

/// <summary>
/// Options side by side (rent 24k vs build 100k), one row per criterion, the best option per row
/// marked. The winner is derived from the numbers, never given, so it cannot disagree with them.
/// </summary>
public sealed record ComparisonTable(ImmutableArray<string> Options, ImmutableArray<ComparisonRow> Rows)
{
    public string Caption { get; init; } = "Comparison";
}

/// <summary>One criterion: a value per option, in the order of <see cref="ComparisonTable.Options"/>.</summary>
public sealed record ComparisonRow(string Criterion, Better Better, ImmutableArray<ReportValue> Values)
{
    /// <summary>Relative difference below which two values count as a tie (rounding noise).</summary>
    public const double TieTolerance = 1e-9;

    /// <summary>
    /// Indices of the best options. Empty when the row is not ranked, when fewer than two options have
    /// a finite number, or when every option ties (nobody wins if nothing differs).
    /// </summary>
    public ImmutableArray<int> Winners()
    {
        if (Better == Better.None || Values.IsDefaultOrEmpty) return [];
        var numeric = new List<(int Index, double Value)>();
        for (int i = 0; i < Values.Length; i++)
            if (Values[i].IsNumeric) numeric.Add((i, Values[i].Number!.Value));
        if (numeric.Count < 2) return [];

        double best = Better == Better.Lower ? numeric.Min(v => v.Value) : numeric.Max(v => v.Value);
        var winners = numeric.Where(v => Ties(v.Value, best)).Select(v => v.Index).ToImmutableArray();
        return winners.Length == numeric.Count ? [] : winners;
    }

    private static bool Ties(double a, double b) =>
        a == b || Math.Abs(a - b) <= TieTolerance * Math.Max(Math.Abs(a), Math.Abs(b));
}
