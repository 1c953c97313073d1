namespace Kolosseum.Reliability;

/// <summary>The few special functions the reliability model needs: Γ, the normal CDF and its inverse.</summary>
public static class SpecialFunctions
{
    // Lanczos approximation, g = 7, n = 9 (Numerical Recipes / Godfrey's coefficients): about 15 digits.
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>The gamma function for x &gt; 0.</summary>
    public static double Gamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "the gamma function is used for positive arguments only");
        if (x < 0.5) return Math.PI / (Math.Sin(Math.PI * x) * Gamma(1 - x));
        x -= 1;
        double a = Lanczos[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += Lanczos[i] / (x + i);
        return Math.Sqrt(2 * Math.PI) * Math.Pow(t, x + 0.5) * Math.Exp(-t) * a;
    }

    /// <summary>Standard normal CDF (Abramowitz and Stegun 7.1.26 for erf: absolute error below 1.5e-7).</summary>
    public static double NormalCdf(double z)
    {
        double x = Math.Abs(z) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double erf = 1 - poly * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /// <summary>Inverse of <see cref="NormalCdf"/> by bisection (p in (1e-6, 1 - 1e-6); used to fit distributions, not in hot loops).</summary>
    public static double NormalQuantile(double p)
    {
        if (!(p > 1e-6 && p < 1 - 1e-6)) throw new ArgumentOutOfRangeException(nameof(p), p, "quantiles are fitted for probabilities between 1e-6 and 1 - 1e-6");
        double lo = -8, hi = 8;
        for (int i = 0; i < 80; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (NormalCdf(mid) < p) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
