using Kolosseum.Diagnostics;
using Kolosseum.Performance;
using Kolosseum.Units;

namespace Kolosseum.Validation;

/// <summary>
/// What the published runs the model is validated on actually ran (the throughput rows of the embedded
/// runs.csv, each cell counted only where the row reports it, never where validate had to search it):
/// the largest tp, pp, vpp, cp and ep, the fewest tokens per CP rank, the largest cluster, which
/// ZeRO-3 combinations occur and the most ranks ZeRO-3 shards over. A layout's validity note lists its features outside that envelope, so a
/// reader sees where the model extrapolates; nothing here is typed in by hand.
/// </summary>
public sealed class ValidatedEnvelope
{
    private static readonly Lazy<ValidatedEnvelope> EmbeddedEnvelope = new(() =>
    {
        var bag = new DiagnosticBag();
        return From(RunsCsvReader.Read(PublishedRuns.Text, PublishedRuns.Name, Catalog.Catalog.Embedded, bag));
    });

    /// <summary>The envelope of the runs shipped with the tool.</summary>
    public static ValidatedEnvelope Embedded => EmbeddedEnvelope.Value;

    private readonly record struct Limit(int Value, string Row);

    private Limit _tp, _pp, _vpp, _cp, _ep;
    private Limit _gpus;

    /// <summary>
    /// The most data-parallel ranks (dp × cp) a reported ZeRO-3 row sharded its weights over: ZeRO-3 gathers every
    /// layer's weights from all of them in every micro-batch, so a wider group is a new regime (latency-bound
    /// gathers across many nodes; large runs shard within a group and replicate across, as HSDP does).
    /// </summary>
    private Limit _zero3Ranks;
    private Limit _cpTokens = new(int.MaxValue, "");
    private string? _zero3Cp, _zero3Pp, _zero3Tp;

    /// <summary>Rows the envelope was taken from.</summary>
    public int Rows { get; private set; }

    public static ValidatedEnvelope From(IEnumerable<PublishedRun> runs)
    {
        var e = new ValidatedEnvelope();
        foreach (var run in runs.Where(r => RunValidator.GroupOf(r.Metric) == "throughput"))
        {
            e.Rows++;
            Max(ref e._tp, run.Tp, run.Id);
            Max(ref e._pp, run.Pp, run.Id);
            Max(ref e._vpp, run.Vpp, run.Id);
            Max(ref e._cp, run.Cp, run.Id);
            Max(ref e._ep, run.Ep, run.Id);
            Max(ref e._gpus, (int)Math.Min(int.MaxValue, run.Gpus), run.Id);
            if (run.Cp is > 1 && run.Model.SeqLen / run.Cp.Value < e._cpTokens.Value) e._cpTokens = new(run.Model.SeqLen / run.Cp.Value, run.Id);
            if (run.Zero == 3)
            {
                if (run.Cp is > 1) e._zero3Cp ??= run.Id;
                if (run.Pp is > 1) e._zero3Pp ??= run.Id;
                if (run.Tp is > 1) e._zero3Tp ??= run.Id;
                if (run.Dp is { } dp) Max(ref e._zero3Ranks, dp * (run.Cp ?? 1), run.Id);
            }
        }
        return e;
    }

    private static void Max(ref Limit limit, int? value, string row)
    {
        if (value is { } v && v > limit.Value) limit = new(v, row);
    }

    /// <summary>The layout's features that no validated row covers, each with the limit and the row that sets it; empty when inside.</summary>
    public IReadOnlyList<string> Outside(in Layout l, int seqLen)
    {
        var notes = new List<string>();
        Check(in l, seqLen, notes);
        return notes;
    }

    /// <summary>The layout's degrees and combinations that no validated row covers, leaving out its GPU count (see <see cref="CoversShape"/>).</summary>
    public IReadOnlyList<string> OutsideShape(in Layout l, int seqLen)
    {
        var notes = new List<string>();
        Check(in l, seqLen, notes, countGpus: false);
        return notes;
    }

    /// <summary>Whether every feature of the layout lies inside the validated rows (builds no note text).</summary>
    public bool Covers(in Layout l, int seqLen) => Check(in l, seqLen, null) == 0;

    /// <summary>
    /// Whether the layout's parallel degrees and combinations lie inside the validated rows, whatever its GPU count:
    /// a plan for a cluster larger than any validated run can still keep its layout's shape inside them.
    /// </summary>
    public bool CoversShape(in Layout l, int seqLen) => Check(in l, seqLen, null, countGpus: false) == 0;

    private int Check(in Layout l, int seqLen, List<string>? notes, bool countGpus = true)
    {
        int n = 0;
        void Note(bool outside, Func<string> text)
        {
            if (!outside) return;
            n++;
            notes?.Add(text());
        }
        var (tp, pp, vpp, cp, ep, zero, gpus) = (l.Tp, l.Pp, l.Vpp, l.Cp, l.Ep, l.Zero, l.Gpus);
        Note(tp > _tp.Value, () => $"tp {tp.Inv()} beyond any validated row (largest tp {_tp.Value.Inv()}, {_tp.Row})");
        Note(pp > _pp.Value, () => $"pp {pp.Inv()} deeper than any validated row (deepest pp {_pp.Value.Inv()}, {_pp.Row})");
        Note(vpp > _vpp.Value, () => $"vpp {vpp.Inv()} beyond any validated row (largest vpp {_vpp.Value.Inv()}, {_vpp.Row})");
        Note(cp > 1 && _cp.Value <= 1, () => "context parallelism: no validated row reports cp > 1");
        Note(cp > 1 && _cp.Value > 1 && cp > _cp.Value, () => $"cp {cp.Inv()} beyond any validated row (largest cp {_cp.Value.Inv()}, {_cp.Row})");
        Note(cp > 1 && _cpTokens.Value != int.MaxValue && seqLen / cp < _cpTokens.Value,
            () => $"cp at {(seqLen / cp).Inv()} tokens per rank, fewer than any validated row ({_cpTokens.Value.Inv()}, {_cpTokens.Row})");
        Note(ep > 1 && ep > _ep.Value, () => _ep.Value <= 1 ? "expert parallelism: no validated row reports ep > 1" : $"ep {ep.Inv()} beyond any validated row (largest ep {_ep.Value.Inv()}, {_ep.Row})");
        Note(zero == 3 && cp > 1 && _zero3Cp is null, () => "ZeRO-3 with context parallelism: no validated row");
        Note(zero == 3 && pp > 1 && _zero3Pp is null, () => "ZeRO-3 with pipeline parallelism: no validated row");
        Note(zero == 3 && tp > 1 && _zero3Tp is null, () => "ZeRO-3 with tensor parallelism: no validated row");
        long shard = (long)l.Dp * cp;
        Note(zero == 3 && shard > _zero3Ranks.Value, () => _zero3Ranks.Value == 0
            ? "ZeRO-3: no validated row reports its data-parallel degree"
            : $"ZeRO-3 sharded over {UnitFormat.Count(shard)} ranks, more than any validated row ({UnitFormat.Count(_zero3Ranks.Value)}, {_zero3Ranks.Row})");
        Note(countGpus && gpus > _gpus.Value, () => $"{UnitFormat.Count(gpus, "GPU")}, more than any validated row ({UnitFormat.Count(_gpus.Value)}, {_gpus.Row})");
        return n;
    }
}
