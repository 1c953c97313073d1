using Kolosseum.Performance;
using Kolosseum.Validation;

namespace Kolosseum.Tests.Validation;

/// <summary>Validity notes come from the shipped runs, not from a hand-written list.</summary>
public class ValidatedEnvelopeTests
{
    private static readonly IReadOnlyList<PublishedRun> Runs =
        RunsCsvReader.Read(PublishedRuns.Text, PublishedRuns.Name, Kolosseum.Catalog.Catalog.Embedded, new Kolosseum.Diagnostics.DiagnosticBag());

    private static IEnumerable<PublishedRun> Throughput => Runs.Where(r => RunValidator.GroupOf(r.Metric) == "throughput");

    [Fact]
    public void Every_reported_throughput_layout_lies_inside_the_envelope_on_its_own_degrees()
    {
        var envelope = ValidatedEnvelope.Embedded;
        foreach (var r in Throughput.Where(r => r.Tp is not null && r.Pp is not null && r.Dp is not null && r.Cp is not null))
        {
            var l = new Layout(r.Tp!.Value, r.Pp!.Value, r.Vpp ?? 1, r.Dp!.Value, r.Cp!.Value, r.Ep ?? 1, r.Zero ?? 0, r.SequenceParallel ?? false,
                r.Recompute ?? Recompute.None, r.MicroBatch ?? 1);
            Assert.True(envelope.Covers(in l, r.Model.SeqLen), $"{r.Id}: {string.Join("; ", envelope.Outside(in l, r.Model.SeqLen))}");
        }
    }

    [Fact]
    public void A_pipeline_one_stage_deeper_than_the_deepest_validated_row_is_noted_with_that_row()
    {
        var deepest = Throughput.Where(r => r.Pp is not null).MaxBy(r => r.Pp!.Value)!;
        var l = new Layout(1, deepest.Pp!.Value + 1, 1, 1, 1, 1, 0, false, Recompute.None, 1);
        var notes = ValidatedEnvelope.Embedded.Outside(in l, 4096);
        Assert.Contains(notes, n => n.Contains($"pp {deepest.Pp.Value + 1}", StringComparison.Ordinal) && n.Contains(deepest.Id, StringComparison.Ordinal));
    }

    [Fact]
    public void Zero3_with_context_parallelism_is_outside_unless_a_row_reports_it()
    {
        bool reported = Throughput.Any(r => r.Zero == 3 && r.Cp is > 1);
        var l = new Layout(2, 1, 1, 128, 4, 1, 3, true, Recompute.None, 1);
        var notes = ValidatedEnvelope.Embedded.Outside(in l, 2048);
        Assert.Equal(!reported, notes.Any(n => n.StartsWith("ZeRO-3 with context parallelism", StringComparison.Ordinal)));
    }

    [Fact]
    public void Zero3_sharded_over_more_ranks_than_any_validated_row_is_noted_with_that_row()
    {
        // ZeRO-3 gathers each layer's weights from the whole shard group every micro-batch: a group wider than any
        // measured one is an extrapolation even when each of its degrees lies inside.
        var widest = Throughput.Where(r => r.Zero == 3 && r.Dp is not null).MaxBy(r => r.Dp!.Value * (r.Cp ?? 1))!;
        int ranks = widest.Dp!.Value * (widest.Cp ?? 1);
        var inside = new Layout(1, 1, 1, ranks, 1, 1, 3, false, Recompute.Full, 1);
        var wider = inside with { Dp = 2 * ranks };
        var beyond = ValidatedEnvelope.Embedded.Outside(in wider, 2048);
        Assert.Contains(beyond, n => n.Contains($"ZeRO-3 sharded over {2 * ranks:N0}", StringComparison.Ordinal) && n.Contains(widest.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(ValidatedEnvelope.Embedded.Outside(in inside, 2048), n => n.StartsWith("ZeRO-3 sharded", StringComparison.Ordinal));
        // The same group size with ZeRO-1 shards only the optimizer once a step: not noted.
        var zero1 = wider with { Zero = 1 };
        Assert.DoesNotContain(ValidatedEnvelope.Embedded.Outside(in zero1, 2048), n => n.StartsWith("ZeRO-3", StringComparison.Ordinal));
    }
}
