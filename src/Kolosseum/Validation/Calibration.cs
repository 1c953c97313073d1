using Kolosseum.Hardware;
using Kolosseum.Performance;

namespace Kolosseum.Validation;

/// <summary>
/// A calibrated efficiency parameter: its name in the catalog, the physical range it may take, and a prior
/// (value and spread) from kernel benchmarks and papers that keeps the fit physical when rows disagree.
/// </summary>
public sealed record CalibrationParameter(
    string Name, double Min, double Max, double Prior, double Sigma, string PriorSource,
    Func<GpuEfficiency, double> Get, Func<GpuEfficiency, double, GpuEfficiency> Set);

/// <summary>The outcome of calibrating one GPU's efficiencies on the throughput and step-time rows that ran on it.</summary>
public sealed record CalibrationResult(
    string GpuId,
    IReadOnlyDictionary<string, double> Before,
    IReadOnlyDictionary<string, double> After,
    double MeanAbsErrorBefore,
    double MeanAbsErrorAfter,
    int Rows,
    int Evaluations);

/// <summary>
/// Fits a GPU's efficiency parameters (docs/performance-model.md, "Calibration") by minimising the mean
/// absolute relative error over the throughput and step-time rows of a published-runs file that ran on
/// that GPU. Nelder–Mead on parameters mapped into their physical ranges; deterministic.
/// </summary>
public static class Calibration
{
    public static readonly IReadOnlyList<CalibrationParameter> Parameters =
    [
        new("matmul", 0.30, 0.95, 0.75, 0.10, "large cuBLAS BF16/FP16 GEMMs reach 75-85% of dense peak on A100 and H100",
            e => e.Matmul, (e, v) => e with { Matmul = v }),
        new("matmul_fp8", 0.20, 0.95, 0.60, 0.15, "FP8 GEMMs (cuBLASLt, Transformer Engine) reach 55-70% of dense FP8 peak on H100",
            e => e.MatmulFp8, (e, v) => e with { MatmulFp8 = v }),
        new("matmul_half_dim", 0, 1024, 64, 64, "tile quantisation: efficiency falls once a dimension nears a few 128-wide tiles",
            e => e.MatmulHalfDim, (e, v) => e with { MatmulHalfDim = v }),
        new("flash_attention", 0.15, 0.90, 0.50, 0.15, "FlashAttention-2/3 papers: 50-73% of peak on A100, 35-75% on H100 (FA2 to FA3)",
            e => e.FlashAttention, (e, v) => e with { FlashAttention = v }),
        new("tp_overlap", 0, 0.95, 0.60, 0.30, "Transformer Engine userbuffers hide most TP communication on Hopper; none before",
            e => e.TpOverlap, (e, v) => e with { TpOverlap = v }),
    ];

    /// <summary>Mean-error points one prior standard deviation costs (1 sigma = 1 percentage point).</summary>
    public const double PriorWeight = 0.0025;

    /// <summary>Fewest rows that must exercise a kernel-specific parameter (flash attention, FP8) before it is fitted.</summary>
    public const int MinRowsToFit = 3;

    public static CalibrationResult Fit(
        IReadOnlyList<PublishedRun> runs,
        Catalog.Catalog catalog,
        string gpuId,
        int maxEvaluations = 600)
    {
        var rows = runs.Where(r => r.GpuId == gpuId && RunValidator.GroupOf(r.Metric) == "throughput").ToList();
        if (rows.Count == 0) throw new ArgumentException($"no throughput or step-time rows ran on {gpuId}", nameof(gpuId));
        var baseGpu = catalog.Get<GpuSpec>(gpuId);
        bool fp8 = rows.Count(r => r.Precision == Precision.Fp8) >= MinRowsToFit;
        // A parameter is fitted only where several rows exercise it: fitted on one row it would only reproduce that
        // row, so below MinRowsToFit it keeps its catalog value (a sourced prior, e.g. A100 flash attention).
        bool flash = rows.Count(r => r.Attention != AttentionKernel.Standard && r.Recompute != Recompute.None) >= MinRowsToFit;
        var free = Parameters.Where(p => (p.Name != "matmul_fp8" || fp8) && (p.Name != "flash_attention" || flash)
            && (p.Name != "tp_overlap" || baseGpu.Efficiency.TpOverlap > 0)).ToList();

        double Objective(double[] x)
        {
            var eff = baseGpu.Efficiency;
            for (int i = 0; i < free.Count; i++) eff = free[i].Set(eff, Map(x[i], free[i]));
            var gpu = baseGpu with { Efficiency = eff };
            var validator = new RunValidator(catalog, gpu);
            var errors = rows.AsParallel().AsOrdered().Select(r => validator.Predict(r).RelativeError).ToList();
            // A row that cannot be predicted counts as a 100% error: the fit must not buy accuracy by losing rows.
            double mean = errors.Select(e => e is null ? 1.0 : Math.Abs(e.Value)).DefaultIfEmpty(0).Average();
            double prior = 0;
            for (int i = 0; i < free.Count; i++)
            {
                double z = (Map(x[i], free[i]) - free[i].Prior) / free[i].Sigma;
                prior += PriorWeight * z * z;
            }
            return mean + prior;
        }

        var start = free.Select(p => Unmap(p.Get(baseGpu.Efficiency), p)).ToArray();
        double before = Objective(start);
        // The error surface has several basins (small-shard inefficiency can be traded against peak
        // efficiency): start from the catalog values and from each prior, keep the best.
        var starts = new List<double[]> { start, free.Select(p => Unmap(p.Prior, p)).ToArray() };
        int half = free.FindIndex(p => p.Name == "matmul_half_dim");
        if (half >= 0)
            foreach (double k in new[] { 16.0, 256.0, 768.0 })
            {
                var s = free.Select(p => Unmap(p.Prior, p)).ToArray();
                s[half] = Unmap(k, free[half]);
                starts.Add(s);
            }
        double[] best = start;
        double value = double.MaxValue;
        int evaluations = 0;
        foreach (var s in starts)
        {
            var (b, v, e) = NelderMead(Objective, s, maxEvaluations / starts.Count);
            evaluations += e;
            if (v < value) (best, value) = (b, v);
        }
        return new CalibrationResult(
            gpuId,
            free.ToDictionary(p => p.Name, p => p.Get(baseGpu.Efficiency)),
            free.Select((p, i) => (p, i)).ToDictionary(t => t.p.Name, t => Map(best[t.i], t.p)),
            before, value, rows.Count, evaluations);
    }

    /// <summary>Logistic map from the real line into [Min, Max], so the simplex never leaves the physical range.</summary>
    private static double Map(double x, CalibrationParameter p) => p.Min + (p.Max - p.Min) / (1 + Math.Exp(-x));

    private static double Unmap(double v, CalibrationParameter p)
    {
        double u = Math.Clamp((v - p.Min) / (p.Max - p.Min), 1e-6, 1 - 1e-6);
        return Math.Log(u / (1 - u));
    }

    private static (double[] Best, double Value, int Evaluations) NelderMead(Func<double[], double> f, double[] start, int maxEvaluations)
    {
        int n = start.Length;
        var simplex = new double[n + 1][];
        var values = new double[n + 1];
        simplex[0] = (double[])start.Clone();
        for (int i = 0; i < n; i++)
        {
            simplex[i + 1] = (double[])start.Clone();
            simplex[i + 1][i] += 0.5;
        }
        int evaluations = 0;
        for (int i = 0; i <= n; i++) { values[i] = f(simplex[i]); evaluations++; }
        while (evaluations < maxEvaluations)
        {
            var order = Enumerable.Range(0, n + 1).OrderBy(i => values[i]).ToArray();
            simplex = order.Select(i => simplex[i]).ToArray();
            values = order.Select(i => values[i]).ToArray();
            if (values[n] - values[0] < 1e-5) break;
            var centroid = new double[n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
            double[] Along(double t) => centroid.Select((c, j) => c + t * (simplex[n][j] - c)).ToArray();
            var reflected = Along(-1);
            double fr = f(reflected); evaluations++;
            if (fr < values[0])
            {
                var expanded = Along(-2);
                double fe = f(expanded); evaluations++;
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr);
            }
            else if (fr < values[n - 1])
            {
                (simplex[n], values[n]) = (reflected, fr);
            }
            else
            {
                var contracted = Along(0.5);
                double fc = f(contracted); evaluations++;
                if (fc < values[n])
                {
                    (simplex[n], values[n]) = (contracted, fc);
                }
                else
                {
                    for (int i = 1; i <= n; i++)
                    {
                        simplex[i] = simplex[i].Select((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j])).ToArray();
                        values[i] = f(simplex[i]); evaluations++;
                    }
                }
            }
        }
        int best = Enumerable.Range(0, n + 1).MinBy(i => values[i]);
        return (simplex[best], values[best], evaluations);
    }
}
