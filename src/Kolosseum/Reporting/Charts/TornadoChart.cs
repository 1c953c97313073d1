using System.Collections.Immutable;

namespace Kolosseum.Reporting.Charts;

/// <summary>
/// The outcome when one input is moved to its low and to its high value, the others held at base.
/// </summary>
/// <param name="LowInput">The low value of the input, as text ("$1.80/h"), shown beside its bar.</param>
/// <param name="HighInput">The high value of the input, as text.</param>
public sealed record TornadoBar(string Input, double LowOutcome, double HighOutcome, string? LowInput = null, string? HighInput = null);

/// <summary>
/// Sensitivity of one outcome (cost of the run, finish date) to each input, widest swing on top.
/// </summary>
public sealed record TornadoChart(string Title, AxisSpec OutcomeAxis, double Baseline, ImmutableArray<TornadoBar> Bars) : Chart(Title)
{
    /// <summary>
    /// The outcome's sign means something (a lead of one option over another: below zero the other is ahead), so
    /// the axis reaches zero and a line marks it, however far the bars lie from it.
    /// </summary>
    public bool ZeroLine { get; init; }
}
