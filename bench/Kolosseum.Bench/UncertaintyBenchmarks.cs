using BenchmarkDotNet.Attributes;
using Kolosseum.Planning;
using Kolosseum.Scenarios;
using Kolosseum.Uncertainty;

namespace Kolosseum.Bench;

/// <summary>
/// The plan under uncertainty on the default scenario: one option re-planned for one joint sample (the work inside
/// the sample loop), the 500-sample propagation with its verdicts, tornadoes and flips for both options, and the
/// whole uncertain plan (the deterministic plan with its searches and simulations, then the propagation).
/// </summary>
[MemoryDiagnoser]
public class UncertaintyBenchmarks
{
    private Scenario _scenario = null!;
    private Plan _plan = null!;
    private UncertaintySettings _settings = null!;
    private OptionSampler _owned = null!;
    private double[] _sample = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = ScenarioLoader.Default();
        _plan = Planner.Run(_scenario);
        _settings = _scenario.Sections.Get<UncertaintySettings>();
        _owned = new OptionSampler(_plan.Options.Single(o => o.Option.Ownership == Ownership.Owned));
        // Every input away from its neutral value, so that no shortcut of the neutral case is timed.
        _sample = [.. UncertainInputs.All.Select(i => _settings[i].Quantile(0.8))];
    }

    [Benchmark]
    public double OneOptionOneSample() => _owned.Evaluate(_sample).RunCostUsd;

    [Benchmark]
    public int Propagation500Samples() => UncertainPlanner.Run(_plan, _settings).Criteria.Count;

    [Benchmark]
    public int WholeUncertainPlan() => UncertainPlanner.Run(Planner.Run(_scenario), _settings).Criteria.Count;
}
