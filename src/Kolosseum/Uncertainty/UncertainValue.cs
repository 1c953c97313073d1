namespace Kolosseum.Uncertainty;

/// <summary>
/// What is known about one numeric input: a point, or a distribution with its source. Every kind maps a
/// probability u in [0, 1] to a value (<see cref="Quantile"/>), which is all Latin-hypercube sampling needs;
/// <see cref="Low"/> and <see cref="High"/> bound the values a sample can take (the flip search looks there).
/// </summary>
public abstract record UncertainValue
{
    /// <summary>Where the range comes from (a public citation), shown beside it wherever it is reported.</summary>
    public required string Source { get; init; }

    public abstract double Quantile(double u);

    public double Median => Quantile(0.5);

    public abstract double Low { get; }
    public abstract double High { get; }

    /// <summary>True when every sample is the same value.</summary>
    public bool IsPoint => Low == High;

    /// <summary>The kind as a scenario writes it (<c>distribution: triangular</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// The same distribution spread about its median by <paramref name="s"/> (s ≥ 1 widens): every quantile
    /// moves to median + s·(q − median), so each value above the median moves up and each below moves down.
    /// </summary>
    public abstract UncertainValue Widened(double s);

    /// <summary>Short description for tables: "triangular 0.62 / 1 / 2.23".</summary>
    public abstract string Describe();

    protected static double Clamp01(double u) => u <= 0 ? 0 : u >= 1 ? 1 : u;
}

/// <summary>A value known exactly: every sample is it.</summary>
public sealed record PointValue(double Value) : UncertainValue
{
    public override double Quantile(double u) => Value;
    public override double Low => Value;
    public override double High => Value;
    public override string Kind => "point";
    public override UncertainValue Widened(double s) => this;
    public override string Describe() => Format.N(Value);
}

/// <summary>Every value between low and high equally likely.</summary>
public sealed record UniformValue(double Min, double Max) : UncertainValue
{
    public override double Quantile(double u) => Min + (Max - Min) * Clamp01(u);
    public override double Low => Min;
    public override double High => Max;
    public override string Kind => "uniform";
    public override UncertainValue Widened(double s)
    {
        double m = Median;
        return this with { Min = m + s * (Min - m), Max = m + s * (Max - m) };
    }
    public override string Describe() => $"uniform {Format.N(Min)} to {Format.N(Max)}";
}

/// <summary>Triangular on [low, high] with its peak at the mode: the usual three-point estimate.</summary>
public sealed record TriangularValue(double Min, double Mode, double Max) : UncertainValue
{
    public override double Quantile(double u)
    {
        u = Clamp01(u);
        double width = Max - Min;
        if (width == 0) return Min;
        double fc = (Mode - Min) / width;
        return u < fc ? Min + Math.Sqrt(u * width * (Mode - Min)) : Max - Math.Sqrt((1 - u) * width * (Max - Mode));
    }

    public override double Low => Min;
    public override double High => Max;
    public override string Kind => "triangular";

    public override UncertainValue Widened(double s)
    {
        // A linear map of a triangular variable is triangular: the three points move with it.
        double m = Median;
        return this with { Min = m + s * (Min - m), Mode = m + s * (Mode - m), Max = m + s * (Max - m) };
    }

    public override string Describe() => $"triangular {Format.N(Min)} / {Format.N(Mode)} / {Format.N(Max)}";
}

/// <summary>
/// Lognormal given by its 10th and 90th percentiles (low, high), cut at the field's valid range
/// [<see cref="Floor"/>, <see cref="Ceiling"/>]: for quantities that are positive and right-skewed.
/// </summary>
public sealed record LognormalValue(double P10, double P90, double Floor, double Ceiling) : UncertainValue
{
    /// <summary>z of the 90th percentile of the standard normal.</summary>
    public const double Z90 = 1.2815515655446004;

    /// <summary>Samples are drawn between these probabilities, so that a sample stays finite.</summary>
    private const double Tail = 1e-4;

    public double Mu => 0.5 * (Math.Log(P10) + Math.Log(P90));
    public double Sigma => (Math.Log(P90) - Math.Log(P10)) / (2 * Z90);

    public override double Quantile(double u)
    {
        u = Math.Clamp(u, Tail, 1 - Tail);
        return Math.Clamp(Math.Exp(Mu + Sigma * NormalQuantile(u)), Floor, Ceiling);
    }

    public override double Low => Quantile(0);
    public override double High => Quantile(1);
    public override string Kind => "lognormal";

    public override UncertainValue Widened(double s)
    {
        // About the median in log space: the multiplicative spread grows by s.
        double median = Math.Exp(Mu);
        return this with { P10 = median * Math.Pow(P10 / median, s), P90 = median * Math.Pow(P90 / median, s) };
    }

    public override string Describe() => $"lognormal P10 {Format.N(P10)}, P90 {Format.N(P90)}";

    /// <summary>Acklam's rational approximation of the inverse normal CDF (relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        const double plow = 0.02425, phigh = 1 - plow;
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < plow)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > phigh)
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double r = p - 0.5, t = r * r;
        return (((((a[0] * t + a[1]) * t + a[2]) * t + a[3]) * t + a[4]) * t + a[5]) * r / (((((b[0] * t + b[1]) * t + b[2]) * t + b[3]) * t + b[4]) * t + 1);
    }
}

/// <summary>One named alternative of a discrete choice (a catalog profile) and its weight.</summary>
public sealed record Choice(string Name, double Value, double Weight);

/// <summary>
/// A choice between named alternatives (e.g. failure rates as Llama 3 measured them, or as Meta's RSC-1 did),
/// each with a weight. Alternatives are ordered by value, so a larger u never gives a smaller value.
/// </summary>
public sealed record DiscreteValue : UncertainValue
{
    public required IReadOnlyList<Choice> Choices { get; init; }

    public override double Quantile(double u)
    {
        u = Clamp01(u);
        double total = Choices.Sum(c => c.Weight), acc = 0;
        foreach (var c in Choices)
        {
            acc += c.Weight / total;
            if (u < acc) return c.Value;
        }
        return Choices[^1].Value;
    }

    public override double Low => Choices[0].Value;
    public override double High => Choices[^1].Value;
    public override string Kind => "choice";

    public override UncertainValue Widened(double s)
    {
        double m = Median;
        return this with { Choices = [.. Choices.Select(c => c with { Value = m + s * (c.Value - m) })] };
    }

    /// <summary>The alternative a value belongs to, for saying "as RSC-1 measured".</summary>
    public string? NameOf(double value) => Choices.FirstOrDefault(c => c.Value == value)?.Name;

    public override string Describe() => "choice of " + string.Join(", ", Choices.Select(c => $"{c.Name} {Format.N(c.Value)} (weight {Format.N(c.Weight)})"));
}

internal static class Format
{
    public static string N(double v) => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
