namespace Kolosseum.Reporting.Charts;

/// <summary>
/// Axis ticks at "nice" values, 1, 2 or 5 times a power of ten, that enclose the data (after Heckbert,
/// "Nice numbers for graph labels", Graphics Gems, 1990), and decade ticks for log axes.
/// </summary>
public static class NiceTicks
{
    /// <summary>Bound on ticks per axis, whatever the input: a hostile range cannot grow the SVG.</summary>
    public const int MaxTicks = 64;

    /// <summary>Largest magnitude an axis accepts; charts leave out values beyond it.</summary>
    public const double MaxMagnitude = 1e300;

    /// <summary>Ticks from at or below <paramref name="min"/> to at or above <paramref name="max"/>, about <paramref name="target"/> intervals.</summary>
    public static IReadOnlyList<double> Linear(double min, double max, int target = 5)
    {
        if (!(Math.Abs(min) <= MaxMagnitude) || !(Math.Abs(max) <= MaxMagnitude))
            throw new ArgumentException("tick range must be finite and within ±1e300");
        target = Math.Clamp(target, 1, MaxTicks - 1);
        if (min > max) (min, max) = (max, min);
        double largest = Math.Max(Math.Abs(min), Math.Abs(max));
        if (max - min <= largest * 1e-12 || max - min < 1e-300)
        {
            // One value (or a spread below double precision): open a range around it so that it
            // sits inside the axis. 1e-300 keeps the step's power of ten representable.
            double mid = min / 2 + max / 2;
            double pad = mid == 0 ? 1 : Math.Max(Math.Abs(mid) * 0.1, 1e-300);
            min = mid - pad;
            max = mid + pad;
        }

        // Of the nice steps around range / target, the one whose tick count comes closest to the
        // target; on a tie the larger step (fewer, rounder labels).
        int e = (int)Math.Floor(Math.Log10((max - min) / target));
        (double mantissa, int exponent, double kMin, double kMax) best = default;
        int bestDistance = int.MaxValue;
        foreach (var (m, x) in new[] { (1.0, e), (2.0, e), (5.0, e), (1.0, e + 1), (2.0, e + 1) })
        {
            var (lo, hi) = Enclosing(min, max, m, x);
            int distance = (int)Math.Abs(hi - lo - target);
            if (distance <= bestDistance && hi - lo + 1 <= MaxTicks)
            {
                bestDistance = distance;
                best = (m, x, lo, hi);
            }
        }
        var (mantissa, exponent, kMin, kMax) = best;

        var ticks = new double[(int)(kMax - kMin) + 1];
        for (int i = 0; i < ticks.Length; i++) ticks[i] = Tick(kMin + i, mantissa, exponent);
        return ticks;
    }

    /// <summary>
    /// The tick indices k (tick = k × step) of the last tick at or below min and the first at or above max.
    /// min / step rounds: 17912715.2 / 0.05 can come out a hair under 358254304 and put the first tick a
    /// whole step too low, so the floor and ceiling are corrected against the ticks themselves.
    /// </summary>
    private static (double Lo, double Hi) Enclosing(double min, double max, double mantissa, int exponent)
    {
        double step = Step(mantissa, exponent);
        double lo = Math.Floor(min / step), hi = Math.Ceiling(max / step);
        if (Tick(lo + 1, mantissa, exponent) <= min) lo++;
        else if (Tick(lo, mantissa, exponent) > min) lo--;
        if (Tick(hi - 1, mantissa, exponent) >= max) hi--;
        else if (Tick(hi, mantissa, exponent) < max) hi++;
        return (lo, hi);
    }

    /// <summary>
    /// Powers of ten enclosing [min, max] (both positive); when the range spans two decades or fewer,
    /// also 2 and 5 times them, and the axis then ends on the 1-2-5 ticks nearest outside the data.
    /// </summary>
    public static IReadOnlyList<double> Log(double min, double max)
    {
        if (!(min > 0) || !(max > 0) || !double.IsFinite(min) || !double.IsFinite(max))
            throw new ArgumentException("a log axis needs a positive finite range");
        if (min > max) (min, max) = (max, min);
        int lo = (int)Math.Floor(Math.Log10(min) + 1e-12);
        int hi = (int)Math.Ceiling(Math.Log10(max) - 1e-12);
        if (hi <= lo) hi = lo + 1;
        // Keep the decade count bounded (1e-300 .. 1e300 is 600 decades): thin to every n-th power.
        int stride = Math.Max(1, (int)Math.Ceiling((hi - lo) / (double)(MaxTicks - 1)));
        hi = lo + (int)Math.Ceiling((hi - lo) / (double)stride) * stride;
        var ticks = new List<double>();
        bool fine = hi - lo <= 2;
        for (int e = lo; e <= hi; e += stride)
        {
            ticks.Add(Pow10(e));
            if (fine && e < hi)
            {
                ticks.Add(2 * Pow10(e));
                ticks.Add(5 * Pow10(e));
            }
        }
        if (!fine) return ticks;
        // With 1-2-5 ticks the axis can end on the ticks next to the data instead of whole decades.
        int first = ticks.FindLastIndex(t => t <= min * (1 + 1e-12));
        int last = ticks.FindIndex(t => t >= max * (1 - 1e-12));
        first = Math.Max(0, first);
        if (last < 0) last = ticks.Count - 1;
        if (last <= first) last = Math.Min(ticks.Count - 1, first + 1);
        return ticks.GetRange(first, last - first + 1);
    }

    /// <summary>The tick step of a linear tick list, or 0 when it has fewer than two ticks.</summary>
    public static double StepOf(IReadOnlyList<double> ticks) => ticks.Count < 2 ? 0 : ticks[1] - ticks[0];

    private static double Step(double mantissa, int exponent) => mantissa * Pow10(exponent);

    // k * mantissa is a whole number and 10^|e| is exact up to 1e22, so one division or
    // multiplication gives the double nearest to the decimal tick: 0.3, never 0.30000000000000004.
    private static double Tick(double k, double mantissa, int exponent)
    {
        double value = exponent >= 0 ? k * mantissa * Pow10(exponent) : k * mantissa / Pow10(-exponent);
        return value == 0 ? 0 : value; // no negative zero
    }

    private static readonly double[] ExactPowers =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    // Literals up to 1e22 are exact doubles; beyond, Math.Pow is as good as any.
    private static double Pow10(int exponent) =>
        exponent >= 0 && exponent < ExactPowers.Length ? ExactPowers[exponent]
        : exponent < 0 && -exponent < ExactPowers.Length ? 1 / ExactPowers[-exponent]
        : Math.Pow(10, exponent);
}
