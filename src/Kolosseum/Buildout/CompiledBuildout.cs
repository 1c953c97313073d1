namespace Kolosseum.Buildout;

/// <summary>A <see cref="BuildoutModel"/> turned into arrays of plain doubles for the trial loop.</summary>
internal sealed class CompiledBuildout
{
    public CompiledBuildout(BuildoutModel model)
    {
        Model = model;
        var phases = model.Phases;
        PhaseCount = phases.Count;
        var index = PhaseGraph.Index(phases);
        Order = PhaseGraph.TopologicalOrder(phases);
        Predecessors = [.. phases.Select(p => p.After.Distinct(StringComparer.Ordinal).Select(a => index[a]).Order().ToArray())];
        Durations = [.. phases.Select(p => p.Duration.ToPert())];
        Tails = [.. phases.Select(p => p.Tail)];
        Servers = model.Servers;
        FirstServers = Math.Min(Servers, Math.Ceiling((double)model.FirstTrainingGpus / model.GpusPerServer));
        if (model.Ramp is { } ramp)
        {
            HasRamp = true;
            DeliveryGates = [.. ramp.DeliveriesAfter.Distinct(StringComparer.Ordinal).Select(n => index[n]).Order()];
            InstallGates = [.. ramp.InstallAfter.Distinct(StringComparer.Ordinal).Select(n => index[n]).Order()];
            DeliveryRate = ramp.DeliveryRate.ToServersPerSecond(model.GpusPerServer);
            InstallRate = ramp.InstallRate.ToServersPerSecond(model.GpusPerServer);
            BurnIn = ramp.BurnIn.ToPert();
            Acceptance = ramp.Acceptance.ToPert();
        }
        else
        {
            DeliveryGates = [];
            InstallGates = [];
        }
        foreach (var p in Durations.Append(DeliveryRate).Append(InstallRate).Append(BurnIn).Append(Acceptance))
            if (!p.IsValid) throw new ArgumentException("a build-out estimate is negative, NaN or out of order; read models through the catalog or scenario readers", nameof(model));
    }

    public BuildoutModel Model { get; }
    public int PhaseCount { get; }
    public int[] Order { get; }
    public int[][] Predecessors { get; }
    public PertEstimate[] Durations { get; }
    public OverrunTail?[] Tails { get; }
    public bool HasRamp { get; }
    public int[] DeliveryGates { get; }
    public int[] InstallGates { get; }
    public PertEstimate DeliveryRate { get; }
    public PertEstimate InstallRate { get; }
    public PertEstimate BurnIn { get; }
    public PertEstimate Acceptance { get; }
    public double Servers { get; }
    public double FirstServers { get; }

    /// <summary>
    /// One trial: phase durations drawn in phase order, then the ramp's rates and lags, so a trial's
    /// draws do not depend on the cluster size (more GPUs with the same seed see the same phases).
    /// </summary>
    public RampTrial Run(ref TrialRandom random, Span<double> duration, Span<double> finish)
    {
        for (int k = 0; k < PhaseCount; k++)
        {
            double d = Durations[k].Sample(ref random);
            if (Tails[k] is { } tail) d *= tail.SampleFactor(ref random);
            duration[k] = d;
        }
        foreach (int k in Order)
        {
            double start = 0;
            foreach (int p in Predecessors[k]) start = Math.Max(start, finish[p]);
            finish[k] = start + duration[k];
        }
        if (!HasRamp)
        {
            double ready = 0;
            for (int k = 0; k < PhaseCount; k++) ready = Math.Max(ready, finish[k]);
            return RampTrial.AllAt(ready);
        }
        double deliveryRate = DeliveryRate.Sample(ref random);
        double installRate = InstallRate.Sample(ref random);
        double burnIn = BurnIn.Sample(ref random);
        double acceptance = Acceptance.Sample(ref random);
        return new RampTrial(Latest(DeliveryGates, finish), Latest(InstallGates, finish), deliveryRate, installRate, burnIn, acceptance);
    }

    /// <summary>
    /// Marks the chain of phases that set the full-capacity date in this trial: from the phase that
    /// gated the binding step back through each phase's latest-finishing predecessor (ties: lowest index).
    /// Returns which ramp step bound the finish: 0 none, 1 deliveries, 2 installation.
    /// </summary>
    public int MarkCritical(in RampTrial trial, ReadOnlySpan<double> finish, Span<bool> critical)
    {
        critical.Clear();
        int root;
        int bound = 0;
        if (!HasRamp)
        {
            root = ArgLatest(null, finish);
        }
        else if (trial.DeliveryBound(Servers))
        {
            bound = 1;
            root = ArgLatest(DeliveryGates, finish);
        }
        else
        {
            bound = 2;
            root = trial.InstallGate >= trial.DeliveryStart ? ArgLatest(InstallGates, finish) : ArgLatest(DeliveryGates, finish);
        }
        for (int k = root; k >= 0;)
        {
            critical[k] = true;
            int next = -1;
            double latest = double.NegativeInfinity;
            foreach (int p in Predecessors[k])
                if (finish[p] > latest) { latest = finish[p]; next = p; }
            k = next;
        }
        return bound;
    }

    private static double Latest(int[] gates, ReadOnlySpan<double> finish)
    {
        double t = 0;
        foreach (int k in gates) t = Math.Max(t, finish[k]);
        return t;
    }

    private int ArgLatest(int[]? gates, ReadOnlySpan<double> finish)
    {
        int best = -1;
        double latest = double.NegativeInfinity;
        if (gates is null)
        {
            for (int k = 0; k < PhaseCount; k++)
                if (finish[k] > latest) { latest = finish[k]; best = k; }
        }
        else
        {
            foreach (int k in gates)
                if (finish[k] > latest) { latest = finish[k]; best = k; }
        }
        return best;
    }
}
