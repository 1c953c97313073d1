using CsCheck;
using Kolosseum.Export;
using Kolosseum.Hardware;
using Kolosseum.Performance;
using Kolosseum.Planning;
using Kolosseum.Scenarios;
using Kolosseum.Workload;

namespace Kolosseum.Tests.Export;

/// <summary>Every name in an exported file is one the framework documents (<see cref="FrameworkNames"/>, with its source).</summary>
public class LaunchConfigNamesTests
{
    private static readonly Lazy<Plan> DefaultPlan = new(() => Planner.Run(ScenarioLoader.Default(), new PlanOptions { WhatIf = false, Trials = 50 }));

    private static IEnumerable<ExportInput> DefaultPlanInputs() => DefaultPlan.Value.Options.Select(p =>
        new ExportInput(DefaultPlan.Value.Scenario.Model, p.Training, p.Step.Layout, p.Option.Node.GpusPerNode, p.Option.Name));

    internal static void CheckMegatron(string text)
    {
        var (args, torchrun) = ExportParsers.MegatronArgs(text);
        foreach (var (flag, value) in args)
        {
            Assert.True(FrameworkNames.Megatron.Contains(flag), $"{flag} is not a documented Megatron-LM argument");
            if (FrameworkNames.MegatronChoices.TryGetValue(flag, out var choices)) Assert.Contains(value, choices);
        }
        foreach (var flag in torchrun.Keys) Assert.True(FrameworkNames.Torchrun.Contains(flag), $"{flag} is not a torchrun flag");
    }

    internal static void CheckNemo(string text)
    {
        foreach (var key in ExportParsers.NemoKeys(text).Keys) Assert.True(FrameworkNames.Nemo.Contains(key), $"{key} is not a documented NeMo 2.0 recipe key");
        // The command-line form in the header names the same keys.
        foreach (var line in text.Split('\n').Where(l => l.StartsWith("#     ", StringComparison.Ordinal) && l.Contains('=', StringComparison.Ordinal)))
            Assert.True(FrameworkNames.Nemo.Contains(line[6..line.IndexOf('=', StringComparison.Ordinal)]), line);
    }

    internal static void CheckTorchtitan(string text)
    {
        var doc = ExportParsers.Toml(text);
        foreach (var (section, value) in doc)
        {
            Assert.True(FrameworkNames.Torchtitan.TryGetValue(section, out var keys), $"[{section}] is not a TorchTitan config section");
            foreach (var (key, v) in (Tomlyn.Model.TomlTable)value)
            {
                Assert.True(keys!.Contains(key), $"[{section}] {key} is not a documented TorchTitan option");
                if (FrameworkNames.TorchtitanChoices.TryGetValue(section + "." + key, out var choices)) Assert.Contains((string)v, choices);
            }
        }
    }

    [Fact]
    public void Default_plan_exports_use_only_documented_names()
    {
        foreach (var input in DefaultPlanInputs())
        {
            CheckMegatron(LaunchConfig.Write(Framework.Megatron, input, "x").Text);
            CheckNemo(LaunchConfig.Write(Framework.Nemo, input, "x").Text);
            CheckTorchtitan(LaunchConfig.Write(Framework.Torchtitan, input, "x").Text);
        }
    }

    [Fact]
    public void Default_plan_exports_give_the_plans_layouts_with_the_first_and_last_stage_short()
    {
        // The default plan's layouts put 126 layers on 22 and 43 stages: Megatron needs the first/last-stage
        // options there, and the busiest stage must hold ceil(126 / pp) layers, as the performance model charges.
        foreach (var input in DefaultPlanInputs())
        {
            var file = LaunchConfig.Write(Framework.Megatron, input, "x");
            var parsed = ExportParsers.Megatron(file.Text, input.Model.Layers);
            Assert.Equal(input.Layout, parsed.Layout);
            var (args, _) = ExportParsers.MegatronArgs(file.Text);
            Assert.Equal(input.Model.Layers % input.Layout.Pp != 0, args.ContainsKey("--decoder-first-pipeline-num-layers"));
        }
    }

    [Fact]
    public void Random_layouts_export_only_documented_names()
    {
        var models = new[] { "llama3.1-70b", "mixtral-8x7b", "deepseek-v3-671b", "gpt3-175b" }.Select(id => Kolosseum.Catalog.Catalog.Embedded.Get<ModelSpec>(id)).ToArray();
        var gen = from model in Gen.OneOfConst(models)
                  from pp in Gen.Int[1, 8]
                  from vpp in Gen.Int[1, 2]
                  from zero in Gen.Int[0, 3]
                  from recompute in Gen.Enum<Recompute>()
                  from precision in Gen.Enum<Precision>()
                  let layout = new Layout(1, pp, pp > 1 ? vpp : 1, 8, 1, 1, zero, false, recompute, 1)
                  select new ExportInput(model, new TrainingSpec { Tokens = 1e12, GlobalBatch = 8 * pp * 4, SeqLen = 4096, Precision = precision, Attention = AttentionKernel.Standard }, layout, 8, "random");
        gen.Sample(input =>
        {
            CheckMegatron(LaunchConfig.Write(Framework.Megatron, input, "x").Text);
            CheckNemo(LaunchConfig.Write(Framework.Nemo, input, "x").Text);
            CheckTorchtitan(LaunchConfig.Write(Framework.Torchtitan, input, "x").Text);
        }, iter: 200);
    }

    [Fact]
    public void Unexpressible_layout_parts_are_said_in_the_file()
    {
        var model = Kolosseum.Catalog.Catalog.Embedded.Get<ModelSpec>("llama3.1-70b");
        var training = new TrainingSpec { Tokens = 1e12, GlobalBatch = 64, SeqLen = 8192, Precision = Precision.Fp16, Attention = AttentionKernel.Flash };
        var input = new ExportInput(model, training, new Layout(8, 4, 1, 2, 1, 1, 3, false, Recompute.Full, 1), 8, "zero-3 without sp");
        var nemo = LaunchConfig.Write(Framework.Nemo, input, "x");
        Assert.Contains(nemo.Notes, n => n.Feature == "zero");
        Assert.Contains("not expressed as planned (zero)", nemo.Text, StringComparison.Ordinal);
        var titan = LaunchConfig.Write(Framework.Torchtitan, input, "x");
        Assert.Contains(titan.Notes, n => n.Feature == "sequence_parallel");
        Assert.Contains(titan.Notes, n => n.Feature == "precision");
        Assert.Contains("not expressed as planned (precision)", titan.Text, StringComparison.Ordinal);
    }
}
