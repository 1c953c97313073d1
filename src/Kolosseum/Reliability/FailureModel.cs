using Kolosseum.Units;

namespace Kolosseum.Reliability;

/// <summary>One failure cause as it applies to a job: its rate per unit and how many units the job holds.</summary>
public sealed record FailureCause
{
    public required FailureRate Entry { get; init; }

    /// <summary>Name in outputs: the cause (<c>faulty_gpu</c>), or the entry id when two chosen sets share a cause name.</summary>
    public required string Key { get; init; }

    /// <summary>GPUs, nodes, links, switches or 1 (per job) that this job holds.</summary>
    public required double UnitsInJob { get; init; }

    /// <summary>A what-if multiplier on the catalog rate (1 unless asked).</summary>
    public required double RateScale { get; init; }

    public string Cause => Entry.Cause;
    public bool Planned => Entry.Planned;
    public bool NeedsSpare => Entry.NeedsSpare;

    /// <summary>Events per hour for the whole job at full size.</summary>
    public double PerHour => Entry.RatePerUnitHour * UnitsInJob * RateScale;

    /// <summary>Whether the rate shrinks with the job (everything but per-job causes).</summary>
    public bool ScalesWithSize => Entry.Scale != FailureScale.PerJob;
}

/// <summary>
/// The series failure model: a synchronous job stops when any part it holds fails, so the job's rate
/// is the sum over causes of (rate per unit x units held) and its MTBI is the inverse
/// (Kokolis et al., arXiv 2410.21680: MTTF = 1/(N r)).
/// </summary>
public sealed record FailureModel
{
    public required IReadOnlyList<FailureCause> Causes { get; init; }

    public IEnumerable<FailureCause> Unexpected => Causes.Where(c => !c.Planned);
    public IEnumerable<FailureCause> PlannedCauses => Causes.Where(c => c.Planned);

    public double UnexpectedPerHour => Unexpected.Sum(c => c.PerHour);
    public double PlannedPerHour => PlannedCauses.Sum(c => c.PerHour);

    /// <summary>Mean time between unexpected interruptions of the whole job.</summary>
    public Duration Mtbi => UnexpectedPerHour > 0 ? Duration.FromHours(1 / UnexpectedPerHour) : new Duration(double.PositiveInfinity);

    /// <summary>Share of unexpected interruptions that take a node out of the job.</summary>
    public double SpareShare => UnexpectedPerHour > 0 ? Unexpected.Where(c => c.NeedsSpare).Sum(c => c.PerHour) / UnexpectedPerHour : 0;

    /// <summary>The causes of the chosen rate sets, applied to what the job holds.</summary>
    public static FailureModel For(ReliabilityJob job, IEnumerable<FailureRate> rates, double rateScale = 1)
    {
        var list = rates.ToList();
        var shared = list.GroupBy(r => r.Cause, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var causes = list
            .OrderBy(r => r.Planned)
            .ThenByDescending(r => r.RatePerUnitHour * UnitsOf(job, r.Scale))
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new FailureCause { Entry = r, Key = shared.Contains(r.Cause) ? r.Id : r.Cause, UnitsInJob = UnitsOf(job, r.Scale), RateScale = rateScale })
            .ToList();
        return new FailureModel { Causes = causes };
    }

    public static double UnitsOf(ReliabilityJob job, FailureScale scale) => scale switch
    {
        FailureScale.PerGpu => job.Gpus,
        FailureScale.PerNode => job.Nodes,
        FailureScale.PerLink => job.Links,
        FailureScale.PerSwitch => job.Switches,
        _ => 1,
    };
}
