using Kolosseum.Units;

namespace Kolosseum.Economics;

/// <summary>Closed forms of the time value of money used by the cost model.</summary>
public static class Finance
{
    /// <summary>
    /// Capital recovery factor: the level annual payment that repays 1 over <paramref name="years"/> at rate r,
    /// r / (1 - (1 + r)^-n); 1/n when r = 0.
    /// </summary>
    public static double CapitalRecoveryFactor(double rate, double years)
    {
        if (!(years > 0)) throw new ArgumentOutOfRangeException(nameof(years), years, "a life must be positive");
        if (!(rate >= 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "a cost of capital cannot be negative");
        if (rate < 1e-12) return 1 / years; // the relative error of dropping r is below r n / 2
        // 1 - (1 + r)^-n written with expm1/log1p: accurate for tiny rates, where the direct form cancels.
        return rate / -ExpM1(-years * Log1P(rate));
    }

    /// <summary>Level annual cost of an investment over its life at a cost of capital.</summary>
    public static Usd AnnualCharge(Usd investment, double rate, Duration life) => investment * CapitalRecoveryFactor(rate, life.Years);

    /// <summary>
    /// Discounted payback: the time t after which savings S a year, discounted at r, repay an investment C:
    /// C = S (1 - (1 + r)^-t) / r, so t = -ln(1 - C r / S) / ln(1 + r) (t = C / S when r = 0). Null: never.
    /// </summary>
    public static Duration? DiscountedPayback(Usd investment, Usd savingsPerYear, double rate)
    {
        if (investment.Value <= 0) return Duration.Zero;
        if (savingsPerYear.Value <= 0) return null;
        double ratio = investment.Value / savingsPerYear.Value;
        if (rate < 1e-12) return Duration.FromYears(ratio);
        double x = ratio * rate;
        if (x >= 1) return null;
        return Duration.FromYears(-Log1P(-x) / Log1P(rate));
    }

    /// <summary>ln(1 + x) without losing the digits of a small x (Goldberg's correction; the runtime's LogP1 is ln(x + 1)).</summary>
    private static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^y - 1 without losing the digits of a small y (Kahan's correction).</summary>
    private static double ExpM1(double y)
    {
        double u = Math.Exp(y);
        if (u == 1) return y;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * y / Math.Log(u);
    }
}
