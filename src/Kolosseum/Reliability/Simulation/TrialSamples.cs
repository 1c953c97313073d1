namespace Kolosseum.Reliability.Simulation;

/// <summary>
/// Per-trial ETTR and days of the first trials, each stored at its trial index: workers write to
/// distinct slots, so the arrays are the same whichever thread ran which trial.
/// </summary>
internal sealed class TrialSamples(int count)
{
    private readonly double[] _ettr = new double[count];
    private readonly double[] _days = new double[count];

    public IReadOnlyList<double> Ettr => Array.AsReadOnly(_ettr);
    public IReadOnlyList<double> Days => Array.AsReadOnly(_days);

    public void Record(long trial, in TrialOutcome o)
    {
        if (trial >= _ettr.Length) return;
        _ettr[trial] = TrialAccumulator.EttrOf(o);
        _days[trial] = o.Wall / Units.Duration.SecondsPerDay;
    }
}
