using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>One bar of a tornado chart: an input moved to its low and its high value, and the metric at each.</summary>
public sealed record TornadoRow(SensitivityInput Input, double LowFactor, double HighFactor, Usd AtLow, Usd AtHigh)
{
    public Usd Spread => new(Math.Abs(AtHigh.Value - AtLow.Value));
}

/// <summary>
/// One-at-a-time sensitivity: each input moves to the low and high ends of its published range while the others
/// stay at their base values (each end kept inside the input's valid range: <see cref="SensitivityLimits"/>); rows sort by the spread they cause, widest first.
/// </summary>
public static class Tornado
{
    public static IReadOnlyList<TornadoRow> Run(CostInputs inputs, SensitivityRanges ranges, Func<OptionCost, Usd> metric)
    {
        var rows = new List<TornadoRow>();
        foreach (var r in ranges.Ranges)
        {
            if (r.Input == SensitivityInput.RentPrice && inputs.RentPrice is null) continue;
            double lowFactor = SensitivityLimits.Clamp(inputs, r.Input, r.Low);
            double highFactor = SensitivityLimits.Clamp(inputs, r.Input, r.High);
            var low = metric(CostModel.Evaluate(inputs, CostFactors.None.With(r.Input, lowFactor)));
            var high = metric(CostModel.Evaluate(inputs, CostFactors.None.With(r.Input, highFactor)));
            rows.Add(new TornadoRow(r.Input, lowFactor, highFactor, low, high));
        }
        return [.. rows.OrderByDescending(x => x.Spread.Value).ThenBy(x => x.Input)];
    }
}
