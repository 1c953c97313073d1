using CsCheck;
using Kolosseum.Export;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Export;

/// <summary>
/// Every exported file, read back as its framework reads it, gives the layout, batch and precision it was written
/// from; where a framework cannot express something, the file declares it (a note), so nothing is dropped silently.
/// </summary>
public class LaunchConfigRoundTripTests
{
    private static readonly ModelSpec[] Models =
        [.. new[] { "llama3.1-405b", "llama3.1-8b", "gpt3-175b", "mixtral-8x7b", "deepseek-v3-671b" }.Select(id => Kolosseum.Catalog.Catalog.Embedded.Get<ModelSpec>(id))];

    private sealed record Case(ExportInput Input);

    private static readonly Gen<Case> Cases =
        from model in Gen.OneOfConst(Models)
        from tp in Gen.OneOfConst(LayoutRules.ValidTp(model).Where(t => t <= 8).ToArray())
        from pp in Gen.Int[1, Math.Min(model.Layers, 24)]
        from vpp in Gen.Int[1, 3]
        from cp in Gen.OneOfConst(1, 2, 4)
        from dp in Gen.Int[1, 48]
        from epPick in Gen.Int[0, 5]
        from zero in Gen.Int[0, 3]
        from sp in Gen.Bool
        from recompute in Gen.Enum<Recompute>()
        from mb in Gen.Int[1, 2]
        from k in Gen.Int[1, 3]
        from precision in Gen.Enum<Precision>()
        from perNode in Gen.OneOfConst(4, 8)
        from fold in Gen.Bool
        let folded = fold && model.Moe is not null && tp > 1
        let ep = Ep(model, folded ? (long)tp * dp * cp : (long)dp * cp, epPick)
        let v = pp > 1 && pp * vpp <= model.Layers ? vpp : 1
        let batch = dp * mb * (v > 1 ? pp : 1) * k
        let layout = new Layout(tp, pp, v, dp, cp, ep, zero, tp > 1 && sp, recompute, mb) { ExpertTp = folded && ep > 1 ? 1 : 0 }
        let training = new TrainingSpec { Tokens = 1e12, GlobalBatch = batch, SeqLen = model.SeqLen, Precision = precision, Attention = AttentionKernel.Flash }
        where LayoutRules.Check(model, training, layout.Gpus, layout).Count == 0
        select new Case(new ExportInput(model, training, layout, perNode, "a random valid layout"));

    /// <summary>An expert-parallel degree that divides the experts and the ranks it is carved out of (dp × cp, or tp × dp × cp for whole experts).</summary>
    private static int Ep(ModelSpec model, long ranks, int pick)
    {
        if (model.Moe is null) return 1;
        var valid = LayoutRules.Divisors(model.Moe.Experts).Where(e => ranks % e == 0).ToArray();
        return valid[pick % valid.Length];
    }

    /// <summary>Compares what a file says with what it was written from; a difference must be a declared note.</summary>
    private static void Compare(ExportedFile file, ExportInput input, ParsedLaunch parsed, Layout expected, Precision expectedPrecision)
    {
        string where = $"{file.FileName} for {input.Model.Id} {input.Layout} batch {input.Training.GlobalBatch} {input.Training.Precision}:\n{file.Text}";
        Assert.True(expected == parsed.Layout, $"read back {parsed.Layout}, expected {expected}; {where}");
        Assert.True(input.Training.GlobalBatch == parsed.GlobalBatch, where);
        Assert.True(input.Training.SeqLen == parsed.SeqLen, where);
        Assert.True(expectedPrecision == parsed.Precision, where);
        Assert.True(input.Layout.Gpus == parsed.WorldSize, where);
    }

    private static bool Noted(ExportedFile f, string feature) => f.Notes.Any(n => n.Feature == feature);

    [Fact]
    public void Megatron_arguments_read_back_to_the_layout_batch_and_precision()
    {
        Cases.Sample(c =>
        {
            var input = c.Input;
            var file = LaunchConfig.Write(Framework.Megatron, input, "x");
            var parsed = ExportParsers.Megatron(file.Text, input.Model.Layers);
            // Megatron-LM expresses every layout field (ZeRO-2/3 through Megatron-FSDP): nothing may differ.
            Compare(file, input, parsed, input.Layout, input.Training.Precision);
            var (args, _) = ExportParsers.MegatronArgs(file.Text);
            if (args.TryGetValue("--decoder-first-pipeline-num-layers", out var first))
            {
                // The uneven split places every layer, and no stage holds more than the model's busiest stage.
                int f = int.Parse(first!, System.Globalization.CultureInfo.InvariantCulture);
                int l = args.TryGetValue("--decoder-last-pipeline-num-layers", out var last) ? int.Parse(last!, System.Globalization.CultureInfo.InvariantCulture) : -1;
                int pp = input.Layout.Pp, layers = input.Model.Layers, max = (layers + pp - 1) / pp;
                int middle = pp > 2 ? (layers - f - l) / (pp - 2) : 0;
                Assert.True(pp == 2 ? f + 0 <= layers - 1 : (layers - f - l) % (pp - 2) == 0 && middle >= 1 && f >= 1 && l >= 1, file.Text);
                // A stage above the estimate's busiest is declared.
                int busiest = pp == 2 ? Math.Max(f, layers - f) : Math.Max(middle, Math.Max(f, l));
                Assert.Equal(busiest > max, Noted(file, "pp"));
            }
        }, iter: 1500);
    }

    [Fact]
    public void Nemo_overrides_read_back_to_the_layout_batch_and_precision()
    {
        Cases.Sample(c =>
        {
            var input = c.Input;
            var file = LaunchConfig.Write(Framework.Nemo, input, "x");
            var parsed = ExportParsers.Nemo(file.Text);
            // NeMo 2.0 has the distributed optimizer (ZeRO-1) and nothing beyond it: a declared limitation.
            var expected = input.Layout with { Zero = Math.Min(input.Layout.Zero, 1) };
            Assert.Equal(input.Layout.Zero >= 2, Noted(file, "zero"));
            Compare(file, input, parsed, expected, input.Training.Precision);
        }, iter: 1500);
    }

    [Fact]
    public void Torchtitan_toml_reads_back_to_the_layout_batch_and_precision()
    {
        Cases.Sample(c =>
        {
            var input = c.Input;
            var l = input.Layout;
            var file = LaunchConfig.Write(Framework.Torchtitan, input, "x");
            var parsed = ExportParsers.Torchtitan(file.Text, input.Model.Layers);
            // TorchTitan's declared limits: no optimizer-only sharding (ZeRO-1 becomes ZeRO-2), tensor parallelism
            // always sequence-parallel, no fp16, and interleaving over an uneven split leaves the stage count to it.
            bool vppUnknown = Noted(file, "vpp");
            var expected = l with
            {
                Zero = l.Zero == 1 ? 2 : l.Zero,
                SequenceParallel = l.Tp > 1,
                Vpp = vppUnknown ? -1 : l.Vpp,
            };
            Assert.Equal(l.Zero == 1, Noted(file, "zero"));
            Assert.Equal(l.Tp > 1 && !l.SequenceParallel, Noted(file, "sequence_parallel"));
            Assert.Equal(input.Training.Precision == Precision.Fp16, Noted(file, "precision"));
            Assert.Equal(l.Vpp > 1 && input.Model.Layers % (l.Pp * l.Vpp) != 0, vppUnknown);
            Compare(file, input, parsed, expected, input.Training.Precision == Precision.Fp16 ? Precision.Bf16 : input.Training.Precision);
            // With pipelining TorchTitan splits each replica's local batch into micro-batches: local × dp is the global batch.
            var training = (Tomlyn.Model.TomlTable)ExportParsers.Toml(file.Text)["training"];
            if (l.Pp > 1) Assert.Equal((long)input.Training.GlobalBatch, Convert.ToInt64(training["local_batch_size"], System.Globalization.CultureInfo.InvariantCulture) * l.Dp);
        }, iter: 1500);
    }

    [Fact]
    public void Pipeline_split_places_every_layer_and_stays_within_the_estimates_busiest_stage_when_it_can()
    {
        Gen.Select(Gen.Int[1, 200], Gen.Int[1, 200]).Where(x => x.Item2 <= x.Item1).Sample(x =>
        {
            var (layers, pp) = x;
            var s = PipelineSplit.For(layers, pp);
            int max = (layers + pp - 1) / pp;
            Assert.Equal(layers, s.Layers);
            Assert.True(s.First >= 1 && s.Last >= 1 && (pp <= 2 || s.Middle >= 1), $"{layers} on {pp}: {s}");
            // The split stays within the estimate's busiest stage exactly when some equal-middle split does.
            bool exists = pp <= 2 || Enumerable.Range(1, max).Any(m => layers - (pp - 2) * m is var rest && rest >= 2 && rest <= 2 * max && (rest + 1) / 2 <= max);
            Assert.Equal(exists, s.WithinModel);
        }, iter: 2000);
    }
}
