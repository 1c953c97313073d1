using Kolosseum.Economics;
using Kolosseum.Planning;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Uncertainty;

/// <summary>
/// One option's plan re-evaluated under sampled inputs, cheaply (docs/uncertainty.md, "Propagation"). The
/// deterministic plan did the expensive parts once — fabric, layout search, the reliability Monte-Carlo, the
/// build-out Monte-Carlo — and no sampled input changes the GPU count, the batch or the fabric, so they stand.
/// Per sample: the days with failures move by the closed-form expected wall time of <see cref="DeliveredTimeModel"/>
/// (the sampled unexpected-failure rate, restart and step time against the same closed form at the plan's own
/// inputs; planned stops are not failures and keep their rate), the cost model prices the
/// run again with the sampled prices, PUE and utilisation, and the dates move with the build-out percentile.
/// At the neutral inputs every ratio is exactly 1, so the sample is the deterministic plan, figure for figure.
/// </summary>
public sealed class OptionSampler
{
    private readonly OptionPlan _plan;
    private readonly CostInputs _cost;
    private readonly ReliabilityInputs _rel;
    private readonly DeliveredTimeInputs _closedForm;
    private readonly double _baseWall;
    private readonly double _baseGoodput;
    private readonly double _baseFacilityMw;
    private readonly double _baseFacilityAtPue;

    public OptionSampler(OptionPlan plan)
    {
        _plan = plan;
        _cost = plan.CostInputs ?? throw new ArgumentException("the option plan carries no cost inputs", nameof(plan));
        _rel = plan.Reliability.Inputs;
        // An automatic interval follows the sampled failure rate (Daly's optimum); a given one stays.
        _closedForm = DeliveredTimeModel.From(_rel) with { IntervalSeconds = _rel.Interval.Auto ? null : _rel.Interval.Value.Seconds };
        _baseWall = ExpectedWall(1, 1, 1);
        _baseGoodput = _cost.Run.Ettr;
        _baseFacilityMw = plan.FacilityMw;
        _baseFacilityAtPue = ClusterPower.Compute(_cost.Inventory, _cost.Power.Pue, _cost.Run.Phases).FacilityCapacity.Megawatts;
    }

    public OptionPlan Plan => _plan;

    /// <summary>
    /// The closed form's expected wall time (<see cref="DeliveredTimeModel"/>) with the failure rate, the restart and
    /// the step time scaled; an automatic checkpoint interval re-optimised for the sampled rate.
    /// </summary>
    private double ExpectedWall(double failureRate, double restart, double bias)
    {
        var x = _closedForm with
        {
            WorkSeconds = _closedForm.WorkSeconds * bias,
            FailuresPerSecond = _closedForm.FailuresPerSecond * failureRate,
            RestartSeconds = restart == 1 ? _closedForm.RestartSeconds : _rel.Restart.Scaled(restart).Total.Seconds,
        };
        double wall = DeliveredTimeModel.Expected(x).WallSeconds;
        return double.IsFinite(wall) && wall > 0 ? wall : double.MaxValue;
    }

    public SampleMetrics Evaluate(ReadOnlySpan<double> x)
    {
        double failure = x[(int)UncertainInput.FailureRate];
        double restart = x[(int)UncertainInput.Restart];
        double bias = x[(int)UncertainInput.PerformanceBias];
        // The tokens at the plan's batch under the sampled B_noise, against the plan's (docs/uncertainty.md): more steps, same step.
        double noise = x[(int)UncertainInput.NoiseScale];
        var training = _plan.Training;
        double tokens = noise == 1 ? 1 : training.TokenFactor(training.GlobalBatch, noise) / training.TokenFactor(training.GlobalBatch);
        double work = bias * tokens;

        // Wall time of the run relative to the plan's, from the closed form at the sampled and at the plan's own inputs.
        double wallRatio = failure == 1 && restart == 1 && work == 1 ? 1 : ExpectedWall(failure, restart, work) / _baseWall;
        double days = _plan.DaysP50 * wallRatio;
        double ettrRatio = work / wallRatio;

        var run = _cost.Run;
        var sampledRun = new RunProfile(run.Phases, run.StepTime * bias, run.Productive * work, Math.Clamp(_baseGoodput * ettrRatio, 1e-9, 1),
            run.CheckpointInterval, run.CheckpointPause, failure == 1 && restart == 1 ? run.RestartTime : _rel.Restart.Scaled(restart).Total);
        double pueFactor = Math.Max(x[(int)UncertainInput.Pue], 1 / _cost.Power.Pue);
        var factors = new CostFactors
        {
            ServerPrice = x[(int)UncertainInput.ServerCapex],
            RentPrice = x[(int)UncertainInput.RentPrice],
            EnergyPrice = x[(int)UncertainInput.EnergyPrice],
            Utilisation = x[(int)UncertainInput.Utilisation],
            Pue = pueFactor,
            FacilityCapex = x[(int)UncertainInput.FacilityCapex],
        };
        var cost = CostModel.Evaluate(_cost with { Run = sampledRun }, factors);
        double tco = _plan.Option.Ownership == Ownership.Owned ? cost.OwnedTcoLevelised.Value : cost.RentedTco?.Value ?? double.NaN;

        double mw = pueFactor == 1 ? _baseFacilityMw
            : _baseFacilityMw * (ClusterPower.Compute(_cost.Inventory, _cost.Power.Pue * pueFactor, run.Phases).FacilityCapacity.Megawatts / _baseFacilityAtPue);

        // Dates: the build-out percentile moves the start, the days move the end.
        double shift = BuildoutShiftDays(x[(int)UncertainInput.Buildout]);
        double finish = _plan.Schedule.FinishP50.DayNumber + shift + (days - _plan.DaysP50);
        return new SampleMetrics(days, finish, cost.RunCost.Value, tco, mw);
    }

    /// <summary>
    /// Days between the full-capacity date at percentile p of the build-out Monte-Carlo and its median: linear
    /// between the P10, P50 and P90 dates, flat beyond them.
    /// </summary>
    public double BuildoutShiftDays(double p)
    {
        var d = _plan.Buildout.FullCapacity.Date;
        double p10 = d.P10.DayNumber - d.P50.DayNumber, p90 = d.P90.DayNumber - d.P50.DayNumber;
        if (p == 0.5) return 0;
        if (p <= 0.1) return p10;
        if (p >= 0.9) return p90;
        return p < 0.5 ? p10 * (0.5 - p) / 0.4 : p90 * (p - 0.5) / 0.4;
    }
}
