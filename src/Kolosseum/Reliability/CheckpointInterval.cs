using Kolosseum.Units;

namespace Kolosseum.Reliability;

/// <summary>
/// Closed forms for the checkpoint interval τ (compute time between checkpoints) given the blocking
/// checkpoint time δ, the job MTBI M and the restart time R, for exponential failures.
/// Young 1974 (CACM 17(9)); Daly 2006 (FGCS 22(3)); Kokolis et al. 2024 (arXiv 2410.21680).
/// </summary>
public static class CheckpointInterval
{
    /// <summary>Young's first-order optimum τ = √(2δM).</summary>
    public static Duration Young(Duration blocking, Duration mtbi) => new(Math.Sqrt(2 * blocking.Seconds * mtbi.Seconds));

    /// <summary>Daly's first-order ("modified Young") optimum τ = √(2δ(M + R)).</summary>
    public static Duration DalyFirstOrder(Duration blocking, Duration mtbi, Duration restart) =>
        new(Math.Sqrt(2 * blocking.Seconds * (mtbi.Seconds + restart.Seconds)));

    /// <summary>
    /// Daly's higher-order optimum: τ = √(2δM)·[1 + ⅓√(δ/2M) + ⅑(δ/2M)] − δ for δ &lt; 2M, else M.
    /// </summary>
    public static Duration Daly(Duration blocking, Duration mtbi)
    {
        double d = blocking.Seconds, m = mtbi.Seconds;
        if (d >= 2 * m) return mtbi;
        double x = d / (2 * m);
        return new Duration(Math.Sqrt(2 * d * m) * (1 + Math.Sqrt(x) / 3 + x / 9) - d);
    }

    /// <summary>
    /// Daly's expected efficiency (failure-free time / wall time) when a failure may strike during
    /// computation, checkpointing or restart: τ / (M e^{R/M} (e^{(τ+δ)/M} − 1)).
    /// </summary>
    public static double DalyEttr(Duration interval, Duration blocking, Duration mtbi, Duration restart)
    {
        double m = mtbi.Seconds;
        if (double.IsPositiveInfinity(m)) return interval.Seconds / (interval.Seconds + blocking.Seconds);
        return interval.Seconds / (m * Math.Exp(restart.Seconds / m) * double.ExpM1((interval.Seconds + blocking.Seconds) / m));
    }

    /// <summary>
    /// Kokolis et al.'s first-order ETTR, (1 − (R + τ/2)/M) / (1 + δ/τ): a small-loss approximation that
    /// goes negative when failures are frequent; then use <see cref="DalyEttr"/>.
    /// </summary>
    public static double FirstOrderEttr(Duration interval, Duration blocking, Duration mtbi, Duration restart) =>
        (1 - (restart.Seconds + interval.Seconds / 2) / mtbi.Seconds) / (1 + blocking.Seconds / interval.Seconds);

    /// <summary>The interval that maximises <see cref="DalyEttr"/>, found by golden-section search (the exact optimum of Daly's model).</summary>
    public static Duration DalyNumericOptimum(Duration blocking, Duration mtbi, Duration restart)
    {
        double lo = Math.Log(1e-3), hi = Math.Log(Math.Max(10 * mtbi.Seconds, 1));
        double F(double logTau) => DalyEttr(new Duration(Math.Exp(logTau)), blocking, mtbi, restart);
        double g = (Math.Sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
        double fa = F(a), fb = F(b);
        for (int i = 0; i < 200 && hi - lo > 1e-10; i++)
        {
            if (fa < fb)
            {
                lo = a; a = b; fa = fb; b = lo + g * (hi - lo); fb = F(b);
            }
            else
            {
                hi = b; b = a; fb = fa; a = hi - g * (hi - lo); fa = F(a);
            }
        }
        return new Duration(Math.Exp(0.5 * (lo + hi)));
    }
}
