using System.Collections.Immutable;
using System.Globalization;
using Kolosseum.Reporting;
using Kolosseum.Reporting.Charts;
using Kolosseum.Units;

namespace Kolosseum.Tests.Reporting;

/// <summary>
/// A report that uses every block and chart kind, for the golden file, the browser check and the
/// screenshot in docs/. Its numbers are illustrative, derived below from a few stated inputs with
/// textbook formulas (training FLOPs = 6·N·D, time = FLOPs / (GPUs · peak · MFU)); they exercise
/// the writer and are not a plan result.
/// </summary>
internal static class SampleReport
{
    private const double Parameters = 405e9;
    private const double Tokens = 15e12;
    private const double PeakFlops = 989e12; // H100 SXM dense BF16
    private const double Ettr = 0.9;
    private const double RentPerGpuHour = 2.20;
    private const double GpuWatts = 700;
    private const double OverheadPerGpu = 1.7; // host, NIC and switch share per GPU watt
    private const double Pue = 1.2;

    private sealed record Option(string Name, int Gpus, double Mfu, double StartDays, double BuildCapex);

    private static readonly Option RentOption = new("Rent 24,000 H100", 24_000, 0.40, 14, 0);
    private static readonly Option BuildOption = new("Build 100,000 H100", 100_000, 0.38, 150, 4.5e9);

    private static double TrainingFlops => 6 * Parameters * Tokens;

    private static double DaysToTrain(Option o) => TrainingFlops / (o.Gpus * PeakFlops * o.Mfu) / Ettr / Duration.SecondsPerDay;

    private static double FacilityWatts(Option o) => o.Gpus * GpuWatts * OverheadPerGpu * Pue;

    private static double RunCost(Option o) => o.BuildCapex > 0
        ? o.BuildCapex / 5 / 365 * DaysToTrain(o) + FacilityWatts(o) / 1000 * 24 * DaysToTrain(o) * 0.08
        : o.Gpus * RentPerGpuHour * 24 * DaysToTrain(o);

    public static ReportDocument Build(string? modelName = null)
    {
        string model = modelName ?? "Llama-3.1-405B-like dense model";
        var epoch = new DateOnly(2026, 1, 5);
        var options = new[] { RentOption, BuildOption };
        DateOnly finish(Option o) => epoch.AddDays((int)Math.Ceiling(o.StartDays + DaysToTrain(o)));
        Option earlier = finish(RentOption) <= finish(BuildOption) ? RentOption : BuildOption;

        return new ReportDocument
        {
            Title = "Rent 24,000 H100s or build 100,000?",
            Subtitle = "Sample report: illustrative numbers from textbook formulas, used to test the report writer; not a plan result. Model: " + model,
            Answer = string.Create(CultureInfo.InvariantCulture, $"{earlier.Name} finishes first, on {finish(earlier):yyyy-MM-dd}. " +
                     $"Renting costs {new Usd(RunCost(RentOption))} for the run at {new Watts(FacilityWatts(RentOption))}; " +
                     $"building costs {new Usd(RunCost(BuildOption))} of amortised capital and energy for the run at {new Watts(FacilityWatts(BuildOption))}, " +
                     $"but training cannot start before day {BuildOption.StartDays:0}."),
            Comparison = new ComparisonTable(
                [.. options.Select(o => o.Name)],
                [
                    new ComparisonRow("Training starts", Better.Lower, [.. options.Select(o => ReportValue.Date(epoch.AddDays((int)o.StartDays)))]),
                    new ComparisonRow("Finish (P50)", Better.Lower, [.. options.Select(o => ReportValue.Date(finish(o)))]),
                    new ComparisonRow("Days to train", Better.Lower, [.. options.Select(o => ReportValue.Of(Duration.FromDays(DaysToTrain(o))))]),
                    new ComparisonRow("MFU", Better.Higher, [.. options.Select(o => ReportValue.Percent(o.Mfu))]),
                    new ComparisonRow("Cost of the run", Better.Lower, [.. options.Select(o => ReportValue.Of(new Usd(RunCost(o))))]),
                    new ComparisonRow("Facility power", Better.Lower, [.. options.Select(o => ReportValue.Of(new Watts(FacilityWatts(o))))]),
                    new ComparisonRow("Layout", Better.None, ["TP 8 · PP 8 · DP 375", "TP 8 · PP 16 · DP 781"]),
                ]),
            Sections =
            [
                new ReportSection("Performance",
                [
                    new ChartBlock(StepTime(options)),
                    new ChartBlock(Memory(options)),
                    new ChartBlock(Scaling()),
                    new TableBlock(new ReportTable("Step time per option",
                        [new TableColumn("Option"), new TableColumn("GPUs"), new TableColumn("Days to train", "d"), new TableColumn("MFU", "%")],
                        [.. options.Select(o => ImmutableArray.Create<ReportValue>(o.Name, ReportValue.Count(o.Gpus), ReportValue.Of(UnitFormat.Number(DaysToTrain(o)), DaysToTrain(o)), ReportValue.Of(UnitFormat.Number(o.Mfu * 100), o.Mfu)))])),
                ]) { Lead = "Where a training step spends its time and memory, and how days to train fall with GPU count." },
                new ReportSection("Power",
                [
                    new ChartBlock(PowerOverTime()),
                    new KeyValueBlock([new KeyValue("GPU board power", new Watts(GpuWatts).ToString()) { Source = "https://www.nvidia.com/en-us/data-center/h100/" }, new KeyValue("PUE", UnitFormat.Number(Pue))]),
                ]),
                new ReportSection("Reliability",
                [
                    new ChartBlock(Failures()),
                    new ChartBlock(EttrHistogram()),
                    new NoteBlock("Failure rates scale with GPU count; at 100,000 GPUs the job is interrupted every few hours."),
                ]),
                new ReportSection("Cost",
                [
                    new ChartBlock(CostBreakdown()),
                    new ChartBlock(Tco()),
                    new ChartBlock(Sensitivity()),
                ]),
                new ReportSection("Build-out",
                [
                    new ChartBlock(Gantt()),
                    new ChartBlock(CapacityRamp()),
                ]),
                new ReportSection("Scenario",
                [
                    new PreformattedBlock("model: " + model + "\ntokens: 15T\noptions:\n  - rent: 24000 x H100\n  - build: 100000 x H100\n") { Caption = "Resolved scenario" },
                ]),
            ],
            Assumptions =
            [
                new Assumption("Training compute is 6 FLOPs per parameter per token.", "Kaplan et al., Scaling Laws for Neural Language Models, 2020"),
                new Assumption("H100 SXM dense BF16 peak is 989 TFLOP/s.", "https://www.nvidia.com/en-us/data-center/h100/"),
                new Assumption("Rent is $2.20 per GPU-hour.", "illustrative"),
            ],
            Footer = "kolosseum plan --seed 42",
        };
    }

    private static BarChart StepTime(Option[] options) => new(
        "Step-time breakdown",
        [.. options.Select(o => o.Name)],
        [
            new BarSeries("compute", [7.9, 7.6]),
            new BarSeries("tensor-parallel communication", [0.9, 0.9]),
            new BarSeries("pipeline bubble", [0.6, 1.1]),
            new BarSeries("data-parallel communication (exposed)", [0.3, 0.8]),
        ],
        new AxisSpec("Time per step", AxisUnit.Duration)) { Description = "Seconds per training step, by component." };

    private static BarChart Memory(Option[] options) => new(
        "Memory per GPU",
        [.. options.Select(o => o.Name)],
        [
            new BarSeries("weights", [Bytes.FromGiB(11.8).Value, Bytes.FromGiB(5.9).Value]),
            new BarSeries("gradients", [Bytes.FromGiB(11.8).Value, Bytes.FromGiB(5.9).Value]),
            new BarSeries("optimizer state", [Bytes.FromGiB(9.4).Value, Bytes.FromGiB(4.5).Value]),
            new BarSeries("activations", [Bytes.FromGiB(38).Value, Bytes.FromGiB(52).Value]),
        ],
        new AxisSpec("Memory", AxisUnit.Bytes))
    {
        Orientation = BarOrientation.Vertical,
        Markers = [new ChartMarker(Bytes.FromGiB(80).Value, "HBM")],
    };

    private static LineChart Scaling()
    {
        int[] gpus = [4_000, 8_000, 16_000, 24_000, 32_000, 50_000, 75_000, 100_000];
        // MFU falls slowly with scale as communication grows; the band is ±8 % (P10–P90).
        double days(int n) => TrainingFlops / (n * PeakFlops * (0.42 - 0.012 * Math.Log2(n / 4000.0))) / Ettr / Duration.SecondsPerDay;
        return new LineChart("Days to train vs GPU count",
            new AxisSpec("GPUs", AxisUnit.Gpus) { Scale = AxisScaleKind.Log },
            new AxisSpec("Days to train", AxisUnit.Duration),
            [
                new LineSeries("H100, P50", [.. gpus.Select(n => new ChartPoint(n, days(n) * Duration.SecondsPerDay))])
                {
                    Band = [.. gpus.Select(n => new BandPoint(n, days(n) * 0.92 * Duration.SecondsPerDay, days(n) * 1.08 * Duration.SecondsPerDay))],
                },
            ]) { XMarkers = [new ChartMarker(24_000, "rent"), new ChartMarker(100_000, "build")] };
    }

    private static LineChart PowerOverTime()
    {
        // Two hours at one-minute resolution: the step rhythm makes power swing between 70 % and
        // 100 % of peak; a checkpoint at minute 60 dips it for three minutes.
        double peak = FacilityWatts(BuildOption);
        var minutes = Enumerable.Range(0, 121).ToArray();
        double mean(int m) => m is >= 60 and < 63 ? 0.45 * peak : (0.85 + 0.02 * Math.Sin(m / 9.0)) * peak;
        return new LineChart("Facility power over time",
            new AxisSpec("Time", AxisUnit.Duration),
            new AxisSpec("Facility power", AxisUnit.Watts),
            [
                new LineSeries("Build 100,000 H100 (mean per minute)", [.. minutes.Select(m => new ChartPoint(m * 60, mean(m)))])
                {
                    Band = [.. minutes.Select(m => new BandPoint(m * 60, mean(m) - 0.15 * peak * (m is >= 60 and < 63 ? 0.2 : 1), Math.Min(peak, mean(m) + 0.15 * peak)))],
                },
            ]) { Description = "Mean power with the min–max swing within each minute.", YMarkers = [new ChartMarker(1.05 * peak, "site limit")] };
    }

    private static EventTimeline Failures()
    {
        // A Poisson process per cause; rates per hour for 100,000 GPUs (illustrative).
        (string Cause, double PerHour)[] causes = [("GPU (HBM, XID)", 0.24), ("network link", 0.08), ("host", 0.05), ("software", 0.04), ("storage", 0.01)];
        var rng = new XorShift(7);
        var events = new List<TimelineEvent>();
        double end = DaysToTrain(BuildOption) * Duration.SecondsPerDay;
        foreach (var (cause, rate) in causes)
            for (double t = rng.Exponential(rate) * 3600; t < end; t += rng.Exponential(rate) * 3600)
                events.Add(new TimelineEvent(t, cause));
        return new EventTimeline("Interruptions by cause", new AxisSpec("Time since start", AxisUnit.Duration), [.. events]) { End = end };
    }

    private static Histogram EttrHistogram()
    {
        var rng = new XorShift(11);
        var samples = Enumerable.Range(0, 500).Select(_ => 0.9 + 0.012 * (rng.Next() + rng.Next() + rng.Next() + rng.Next() - 2) * 1.7).ToArray();
        var sorted = samples.Order().ToArray();
        return new Histogram("Effective training time ratio (ETTR)", new AxisSpec("ETTR", AxisUnit.Percent), [.. samples])
        {
            CountLabel = "trials",
            Markers = [new ChartMarker(sorted[50], "P10"), new ChartMarker(sorted[250], "P50"), new ChartMarker(sorted[450], "P90")],
        };
    }

    private static BarChart CostBreakdown() => new(
        "Cost breakdown over five years",
        ["Rent 24,000 H100", "Build 100,000 H100"],
        [
            new BarSeries("GPU servers", [0, 3.1e9]),
            new BarSeries("network", [0, 0.6e9]),
            new BarSeries("facility", [0, 0.8e9]),
            new BarSeries("energy", [0, 0.9e9]),
            new BarSeries("rent", [24_000 * RentPerGpuHour * 24 * 365 * 5, 0]),
            new BarSeries("resale value", [0, -0.5e9]),
        ],
        new AxisSpec("Cost", AxisUnit.Usd)) { Description = "Resale value is a credit and stacks below zero." };

    private static LineChart Tco()
    {
        var years = Enumerable.Range(0, 21).Select(q => q / 4.0).ToArray();
        return new LineChart("Total cost of ownership over time",
            new AxisSpec("Time", AxisUnit.Duration),
            new AxisSpec("Cumulative cost", AxisUnit.Usd),
            [
                new LineSeries("Rent 24,000 H100", [.. years.Select(y => new ChartPoint(y * Duration.SecondsPerYear, 24_000 * RentPerGpuHour * 8766 * y))]),
                new LineSeries("Build 100,000 H100", [.. years.Select(y => new ChartPoint(y * Duration.SecondsPerYear, BuildOption.BuildCapex * Math.Min(1, y * 2) + 0.35e9 * y))]),
            ]);
    }

    private static TornadoChart Sensitivity()
    {
        double baseCost = RunCost(BuildOption);
        return new TornadoChart("Sensitivity of the cost of the run (build)", new AxisSpec("Cost of the run", AxisUnit.Usd), baseCost,
        [
            new TornadoBar("GPU server price", baseCost * 0.86, baseCost * 1.14, "−20 %", "+20 %"),
            new TornadoBar("MFU", baseCost * 1.12, baseCost * 0.9, "0.32", "0.44"),
            new TornadoBar("electricity price", baseCost * 0.97, baseCost * 1.04, "$0.05/kWh", "$0.12/kWh"),
            new TornadoBar("failure rate", baseCost * 0.98, baseCost * 1.06, "×0.5", "×2"),
        ]);
    }

    private static GanttChart Gantt()
    {
        double d = Duration.SecondsPerDay;
        return new GanttChart("Build-out phases", new AxisSpec("Days since decision", AxisUnit.Duration),
        [
            new GanttTask("site and power connection", 0, 45 * d, 70 * d),
            new GanttTask("building conversion", 20 * d, 80 * d, 105 * d),
            new GanttTask("electrical and cooling", 45 * d, 110 * d, 140 * d),
            new GanttTask("GPU server deliveries", 60 * d, 130 * d, 170 * d),
            new GanttTask("installation and cabling", 70 * d, 140 * d, 180 * d),
            new GanttTask("burn-in and acceptance", 120 * d, 150 * d, 195 * d),
        ]) { Markers = [new ChartMarker(BuildOption.StartDays * d, "first training (P50)")] };
    }

    private static LineChart CapacityRamp()
    {
        var weeks = Enumerable.Range(8, 22).ToArray();
        double online(int w) => Math.Clamp((w - 10) * 6_000.0, 0, BuildOption.Gpus);
        return new LineChart("GPUs online by week",
            new AxisSpec("Time since decision", AxisUnit.Duration),
            new AxisSpec("GPUs online", AxisUnit.Gpus),
            [new LineSeries("Build 100,000 H100", [.. weeks.Select(w => new ChartPoint(w * Duration.SecondsPerWeek, online(w)))]) { Fill = true, Step = true }]);
    }

    /// <summary>A tiny deterministic generator, so the sample never depends on System.Random's algorithm.</summary>
    private sealed class XorShift(ulong seed)
    {
        private ulong _state = unchecked(seed * 0x9E3779B97F4A7C15UL) | 1;

        public double Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 7;
            _state ^= _state << 17;
            return (_state >> 11) * (1.0 / (1UL << 53));
        }

        public double Exponential(double rate) => -Math.Log(1 - Next()) / rate;
    }
}
