using System.Globalization;
using System.Text;
using Kolosseum.Planning;

namespace Kolosseum.Uncertainty;

/// <summary>How the sampled plan runs.</summary>
public sealed record UncertaintyOptions
{
    /// <summary>Joint samples (null: the scenario's, 500 by default).</summary>
    public int? Samples { get; init; }

    /// <summary>Worker threads; null: every core. Results do not depend on it.</summary>
    public int? Threads { get; init; }
}

/// <summary>
/// Propagates the uncertain inputs through a plan (docs/uncertainty.md): one Latin-hypercube design of N joint
/// samples over every uncertain input (the build-out percentile once per option), each option re-evaluated per
/// sample by its <see cref="OptionSampler"/>; then P10/P50/P90, win probabilities, ties, tornadoes and flips.
/// The design is drawn from the plan's seed alone and each sample is evaluated into its own slot, so the answer
/// does not depend on the thread count.
/// </summary>
public static class UncertainPlanner
{
    /// <summary>Bisection steps for a flip value: 2^-60 of the input's range, far below what is printed.</summary>
    private const int BisectionSteps = 60;

    public static UncertainPlan Run(Plan plan, UncertaintySettings settings, UncertaintyOptions? options = null)
    {
        options ??= new UncertaintyOptions();
        int n = options.Samples ?? settings.Samples;
        var samplers = plan.Options.Select(o => new OptionSampler(o)).ToList();
        var inputs = Dimensions(plan, settings);
        ulong seed = SeedMixer.Mix(plan.Seed, 0, 15);
        var u = LatinHypercube.Draw(n, inputs.Count, seed);

        var draws = new SampleMetrics[samplers.Count][];
        for (int k = 0; k < samplers.Count; k++) draws[k] = new SampleMetrics[n];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? -1 };
        Parallel.For(0, n, parallel, () => new double[UncertainInputs.All.Count], (i, _, x) =>
        {
            for (int k = 0; k < samplers.Count; k++)
            {
                Fill(x, inputs, k, j => inputs[j].At(u[i][j]));
                draws[k][i] = samplers[k].Evaluate(x);
            }
            return x;
        }, _ => { });

        var spreads = new List<OptionSpread>();
        for (int k = 0; k < samplers.Count; k++)
        {
            var figures = new Dictionary<Metric, Spread>();
            foreach (var m in Metrics.All) figures[m] = SpreadOf(draws[k].Select(d => d.Get(m)));
            spreads.Add(new OptionSpread(plan.Options[k].Option.Name, figures));
        }
        var verdicts = Metrics.All.Select(m => Verdict(m, plan, samplers, inputs, draws, spreads)).ToList();
        return new UncertainPlan
        {
            Plan = plan, Samples = n, Seed = seed, Inputs = inputs, Options = spreads, Criteria = verdicts,
            Draws = [.. draws.Select(d => (IReadOnlyList<SampleMetrics>)d)],
            Answer = Answer(plan, verdicts),
        };
    }

    /// <summary>The sampled dimensions: each input once, the build-out percentile once per option (build-outs are independent).</summary>
    private static List<SampledInput> Dimensions(Plan plan, UncertaintySettings settings)
    {
        var list = new List<SampledInput>();
        foreach (var input in UncertainInputs.All)
        {
            if (input != UncertainInput.Buildout) list.Add(new SampledInput(input, settings[input], null, input.Noun()));
            else
                for (int k = 0; k < plan.Options.Count; k++)
                    list.Add(new SampledInput(input, settings[input], k, $"build-out percentile of {plan.Options[k].Option.Name}"));
        }
        return list;
    }

    /// <summary>The input vector option k sees: its own build-out percentile, every other input shared.</summary>
    private static void Fill(double[] x, IReadOnlyList<SampledInput> inputs, int option, Func<int, double> value)
    {
        for (int j = 0; j < inputs.Count; j++)
        {
            var d = inputs[j];
            if (d.Option is { } o && o != option) continue;
            x[(int)d.Input] = value(j);
        }
    }

    public static Spread SpreadOf(IEnumerable<double> values)
    {
        var v = values.Where(double.IsFinite).Order().ToArray();
        if (v.Length == 0) return new Spread(double.NaN, double.NaN, double.NaN);
        return new Spread(Percentile(v, 0.1), Percentile(v, 0.5), Percentile(v, 0.9));
    }

    /// <summary>Linear interpolation between order statistics (type 7 of Hyndman and Fan).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static CriterionVerdict Verdict(Metric metric, Plan plan, IReadOnlyList<OptionSampler> samplers, IReadOnlyList<SampledInput> inputs,
        SampleMetrics[][] draws, IReadOnlyList<OptionSpread> spreads)
    {
        int options = samplers.Count, n = draws.Length == 0 ? 0 : draws[0].Length;
        var wins = new double[options];
        for (int i = 0; i < n; i++)
        {
            double best = double.PositiveInfinity;
            int count = 0;
            for (int k = 0; k < options; k++)
            {
                double v = draws[k][i].Get(metric);
                if (!double.IsFinite(v)) continue;
                if (v < best)
                {
                    best = v;
                    count = 1;
                }
                else if (v == best) count++;
            }
            if (count == 0) continue;
            for (int k = 0; k < options; k++)
                if (draws[k][i].Get(metric) == best) wins[k] += 1.0 / count;
        }
        var probability = wins.Select(w => n == 0 ? 0 : w / n).ToList();
        var ranked = Enumerable.Range(0, options).Where(k => double.IsFinite(spreads[k].Figures[metric].P50))
            .OrderBy(k => spreads[k].Figures[metric].P50).ThenBy(k => k).ToList();
        if (ranked.Count < 2)
            return new CriterionVerdict { Metric = metric, WinProbability = probability, Leader = ranked.Count == 1 ? ranked[0] : null, Tie = false, Tornado = [], Sentence = "" };

        int a = ranked[0], b = ranked[1];
        bool tie = spreads[a].Figures[metric].Overlaps(spreads[b].Figures[metric]);
        var medians = inputs.Select(d => d.At(0.5)).ToArray();
        double Lead(int j, double value)
        {
            var x = new double[UncertainInputs.All.Count];
            var xb = new double[UncertainInputs.All.Count];
            Fill(x, inputs, a, i => i == j ? value : medians[i]);
            Fill(xb, inputs, b, i => i == j ? value : medians[i]);
            return samplers[b].Evaluate(xb).Get(metric) - samplers[a].Evaluate(x).Get(metric);
        }
        var bars = new List<FlipBar>();
        for (int j = 0; j < inputs.Count; j++)
        {
            var d = inputs[j];
            if (d.Value.IsPoint) continue;
            // A build-out percentile moves only its own option's figures.
            if (d.Option is { } o && o != a && o != b) continue;
            double lo = d.At(0.1), hi = d.At(0.9);
            bars.Add(new FlipBar(d, lo, hi, Lead(j, lo), Lead(j, hi)));
        }
        bars = [.. bars.OrderByDescending(x => x.Swing).ThenBy(x => x.Input.Key, StringComparer.Ordinal)];

        FlipPoint? flip = null;
        foreach (var bar in bars)
        {
            int j = inputs.ToList().IndexOf(bar.Input);
            if (FindFlip(v => Lead(j, v), bar.Input.At(0), bar.Input.At(1), medians[j]) is { } f)
            {
                flip = new FlipPoint(bar.Input, f.Value, f.LeaderWinsBelow);
                break;
            }
        }
        string sentence = Sentence(metric, plan, a, b, probability, tie, bars, flip);
        return new CriterionVerdict
        {
            Metric = metric, WinProbability = probability, Leader = a, RunnerUp = b, Tie = tie, Tornado = bars, Flip = flip, Sentence = sentence, LeadAtMedians = Lead(-1, 0),
        };
    }

    /// <summary>Bisection on the input between its median and the end of its range where the lead changes sign.</summary>
    private static (double Value, bool LeaderWinsBelow)? FindFlip(Func<double, double> lead, double low, double high, double median)
    {
        double atMedian = lead(median);
        if (!double.IsFinite(atMedian)) return null;
        foreach (double end in new[] { high, low })
        {
            if (end == median) continue;
            double atEnd = lead(end);
            if (!double.IsFinite(atEnd) || Math.Sign(atEnd) == Math.Sign(atMedian) || atEnd == 0 && atMedian == 0) continue;
            double inside = median, outside = end;
            for (int s = 0; s < BisectionSteps; s++)
            {
                double mid = 0.5 * (inside + outside);
                if (Math.Sign(lead(mid)) == Math.Sign(atMedian)) inside = mid;
                else outside = mid;
            }
            double value = 0.5 * (inside + outside);
            return (value, end > median ? atMedian > 0 : atMedian < 0);
        }
        return null;
    }

    private static string Sentence(Metric metric, Plan plan, int a, int b, IReadOnlyList<double> p, bool tie, IReadOnlyList<FlipBar> bars, FlipPoint? flip)
    {
        string A = plan.Options[a].Option.Name, B = plan.Options[b].Option.Name;
        var sb = new StringBuilder();
        sb.Append(tie ? "tie: " : "");
        sb.Append(CultureInfo.InvariantCulture, $"{A} {metric.Wins()} in {Pct(p[a])} of samples");
        if (tie) sb.Append(CultureInfo.InvariantCulture, $" (the 80 % intervals of {A} and {B} overlap)");
        if (flip is not null)
        {
            string side = flip.LeaderWinsBelow ? "above" : "below";
            sb.Append(CultureInfo.InvariantCulture, $"; {A} {metric.Wins()} unless the {flip.Input.Label} is {side} {Format.N(flip.Value)}{flip.Input.Input.Relative()}");
            if (flip.Input.Value is DiscreteValue dv) sb.Append(CultureInfo.InvariantCulture, $" (the range: {string.Join(", ", dv.Choices.Select(c => $"{c.Name} {Format.N(c.Value)}"))})");
            else sb.Append(CultureInfo.InvariantCulture, $" (range {Format.N(flip.Input.At(0))} to {Format.N(flip.Input.At(1))})");
        }
        else if (bars.Count > 0)
            sb.Append(CultureInfo.InvariantCulture, $"; no single input flips it within its range (the {bars[0].Input.Label} moves it most)");
        return sb.ToString();
    }

    private static string Answer(Plan plan, IReadOnlyList<CriterionVerdict> verdicts)
    {
        if (plan.Options.Count < 2) return "";
        var parts = verdicts.Where(v => v.Metric is Metric.Finish or Metric.RunCost or Metric.Tco && v.Sentence.Length > 0)
            .Select(v => $"{char.ToUpperInvariant(v.Metric.Name()[0])}{v.Metric.Name()[1..]}: {v.Sentence}.");
        return string.Join(" ", parts);
    }

    /// <summary>The sampled answer as the answer panel ends: how many samples, then the verdicts on time and money.</summary>
    public static string Headline(UncertainPlan u) =>
        string.Create(CultureInfo.InvariantCulture, $"Under what is not known ({u.Samples:N0} joint samples of {u.Inputs.Where(i => !i.Value.IsPoint).Select(i => i.Input).Distinct().Count()} uncertain inputs): ") + u.Answer;

    private static string Pct(double f) => (f * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
