using Kolosseum.Buildout;
using Kolosseum.Economics;
using Kolosseum.Hardware;
using Kolosseum.Planning.Report;
using Kolosseum.Power;
using Kolosseum.Reliability;
using Kolosseum.Units;
using Kolosseum.Workload;
using ReportAssumption = Kolosseum.Reporting.Assumption;

namespace Kolosseum.Planning;

/// <summary>
/// Every assumption behind the report's numbers with its source, listed at the end: how MFU counts FLOPs,
/// the performance model's efficiencies, each catalog entry used field by field, the reliability, power and
/// economics settings as resolved, the derived reliability inputs, the build-out phases and the Monte-Carlo set-up.
/// </summary>
internal static class PlanReportAssumptions
{
    private const string PalmSource = "Chowdhery et al. 2022, PaLM: Scaling Language Modeling with Pathways (arXiv 2204.02311), appendix B";

    public static IEnumerable<ReportAssumption> All(Plan plan) =>
        Mfu(plan)
            .Concat(Efficiencies(plan))
            .Concat(CatalogAssumptions.All(plan))
            .Concat(Settings(plan))
            .Concat(Derived(plan))
            .Concat(Buildout(plan))
            .Append(MonteCarlo(plan));

    private static IEnumerable<ReportAssumption> Mfu(Plan plan)
    {
        var s = plan.Scenario;
        var counts = WorkloadMath.Count(s.Model);
        double perToken = WorkloadMath.TrainingFlopsPerToken(s.Model, counts, s.Training.SeqLen, causal: false);
        yield return new ReportAssumption(
            "MFU = model FLOPs per step / (step time × GPUs × the GPU's dense 16-bit peak), whatever the training precision. Model FLOPs per token are 6·N + 12·l·s·h "
            + "(N = " + UnitFormat.Number(counts.MatmulActive / 1e9) + "B parameters in matrix multiplies per token; attention counted as if not causal; recomputation not counted): "
            + new Flops(perToken) + " per token for " + s.Model.Name + " at " + s.Training.SeqLen.Inv() + " tokens. HFU adds the recomputed forward passes.",
            PalmSource);
        foreach (var gpu in s.Options.Select(o => o.Gpu).DistinctBy(g => g.Id))
        {
            var peak = s.Training.Precision == Precision.Fp16 ? gpu.PeakFp16 : gpu.PeakBf16;
            string field = s.Training.Precision == Precision.Fp16 ? "peak_fp16" : "peak_bf16";
            yield return new ReportAssumption("MFU peak of " + gpu.Name + ": " + peak + " dense per GPU",
                s.Catalog.Entry(GpuSpec.Kind, gpu.Id) is { } e ? CatalogAssumptions.SourceFor(e, field) : null);
        }
    }

    /// <summary>The fractions of peak and fixed costs the performance model applies to each GPU, one line per field.</summary>
    private static IEnumerable<ReportAssumption> Efficiencies(Plan plan)
    {
        var catalog = plan.Scenario.Catalog;
        foreach (var gpu in plan.Scenario.Options.Select(o => o.Gpu).DistinctBy(g => g.Id))
        {
            if (catalog.Entry(GpuSpec.Kind, gpu.Id) is not { } entry) continue;
            foreach (var (path, value) in CatalogAssumptions.Leaves(entry.Fields, "").Where(l => l.Path.StartsWith(CatalogAssumptions.EfficiencyPrefix, StringComparison.Ordinal)))
            {
                string key = path[CatalogAssumptions.EfficiencyPrefix.Length..];
                yield return new ReportAssumption("Performance model, " + gpu.Id + ": " + path + " = " + value + Meaning(key), CatalogAssumptions.SourceFor(entry, path));
            }
        }
    }

    private static string Meaning(string key) => key switch
    {
        "matmul" => " (fraction of dense 16-bit peak a large matrix multiply reaches)",
        "matmul_fp8" => " (the same for FP8 matrix multiplies)",
        "matmul_half_dim" => " (reduction length at which a matrix multiply runs at half that efficiency)",
        "flash_attention" => " (fraction of 16-bit peak of the fused attention kernel)",
        "memory" => " (fraction of HBM bandwidth memory-bound kernels reach)",
        "scaleup" => " (fraction of NVLink bandwidth collectives reach)",
        "tp_overlap" => " (share of tensor-parallel communication hidden under compute)",
        "scaleup_latency" => " (latency per collective step inside the scale-up domain)",
        "kernel_overhead" => " (launch and tail time per kernel)",
        "memory_reserve" => " (GPU memory outside tensors: CUDA context, communication buffers, workspaces)",
        "allocator_overhead" => " (allocator fragmentation on top of the tensors)",
        _ => "",
    };

    /// <summary>The reliability, power and economics settings as resolved, each with where its value came from.</summary>
    private static IEnumerable<ReportAssumption> Settings(Plan plan)
    {
        var s = plan.Scenario;
        foreach (var e in s.Sections.Get<ReliabilitySettings>().Echo())
            yield return new ReportAssumption("reliability." + e.Key + ": " + e.Value, e.Origin);
        foreach (var a in s.Sections.Get<PowerSettings>().Assumptions)
            yield return new ReportAssumption(a.Key + ": " + a.Value, a.Source);
        var economics = s.Sections.Get<EconomicsSettings>();
        foreach (var a in economics.Assumptions)
            yield return new ReportAssumption(a.Key + ": " + a.Value, a.Source);
        foreach (var o in s.Options)
            if (o.Sections.TryGet<RentalChoice>(out var rc) && rc.Resolve(o.Name, o.Gpu.Id, economics, s.Catalog) is { } rent)
                yield return new ReportAssumption(rent.Echo.Key + ": " + rent.Echo.Value, rent.Echo.Source);
    }

    /// <summary>What the models derived for each option from the settings (so the numbers in the sections can be followed).</summary>
    private static IEnumerable<ReportAssumption> Derived(Plan plan)
    {
        foreach (var p in plan.Options)
        {
            var i = p.Reliability.Inputs;
            string name = p.Option.Name;
            yield return new ReportAssumption(name + ": the job holds " + i.Job.Gpus.Inv() + " GPUs and is interrupted every " + i.Failures.Mtbi
                + " on average (the failure rates above, each scaled to the GPUs, nodes, links or switches the job holds)", "derived: docs/reliability.md");
            yield return new ReportAssumption(name + ": checkpoint of " + i.Checkpoint.Size + " (" + i.Checkpoint.ShardPerGpu + " per GPU) to "
                + i.Checkpoint.Storage.Units.Inv() + " × " + i.Checkpoint.Storage.Spec.Id + ", pausing training " + i.Checkpoint.Blocking
                + "; interval " + i.Interval.Value + " (" + i.Interval.Rule + ")", "derived: docs/reliability.md");
            yield return new ReportAssumption(name + ": a restart takes " + i.Restart.Total + " (detection " + i.Restart.Detection + ", rescheduling "
                + i.Restart.Rescheduling + ", process groups " + i.Restart.ProcessGroupInit + ", checkpoint load " + i.Restart.CheckpointLoad + ", warm-up " + i.Restart.Warmup + ")",
                "reliability profile " + i.Profile.Id + "; derived: docs/reliability.md");
            yield return new ReportAssumption(name + ": the power model runs the step as " + UnitFormat.Number(p.Power.Run.Phases.Compute * 100) + " % compute and "
                + UnitFormat.Number((1 - p.Power.Run.Phases.Compute) * 100) + " % communication and bubbles (from the step-time breakdown), at the simulated mean goodput "
                + UnitFormat.Number(p.Power.Run.Ettr * 100) + " %", "derived: docs/power.md");
            foreach (var note in p.Power.Profile.Notes)
                yield return new ReportAssumption(name + ": " + note, "power model (docs/power.md)");
            foreach (var problem in p.Cost.Problems)
                yield return new ReportAssumption(name + ": " + problem, "cost model (docs/economics.md)");
        }
        yield return new ReportAssumption("Schedules: the P50 finish uses the build-out's median dates and the median goodput; the P90 finish uses the 90th-percentile dates "
            + "and the 10th-percentile goodput. Training starts on partial capacity only when that finishes sooner than waiting for the whole cluster.",
            "Kolosseum plan schedule (src/Kolosseum/Planning/ScheduleBuilder.cs)");
    }

    /// <summary>Each option's build-out: the preset and start, then every phase and ramp stage with its source.</summary>
    private static IEnumerable<ReportAssumption> Buildout(Plan plan)
    {
        var catalog = plan.Scenario.Catalog;
        foreach (var p in plan.Options)
        {
            var b = p.Buildout;
            string name = p.Option.Name;
            var preset = catalog.TryGet<BuildoutPreset>(b.Model.Preset, out var found) ? found : null;
            yield return new ReportAssumption(name + ": build-out " + b.Model.Preset + " (" + b.Model.Description + "), from " + ReportParts.Date(b.Model.Start)
                + "; training may start on the first " + b.Model.FirstTrainingGpus.Inv() + " GPUs", preset?.Source ?? "scenario");
            if (preset is not null && b.Model.FirstTrainingGpus < b.Model.Gpus)
                yield return new ReportAssumption(name + ": first training block of " + b.Model.FirstTrainingGpus.Inv() + " GPUs", preset.FirstTrainingSource);
            foreach (var phase in b.Phases)
                yield return new ReportAssumption(name + ", build-out phase " + phase.Name + ": " + phase.Estimate + " (min / mode / max, beta-PERT)", phase.Source);
            foreach (var stage in b.RampStages)
                yield return new ReportAssumption(name + ", server ramp " + stage.Name + ": " + stage.Estimate, stage.Source);
        }
    }

    private static ReportAssumption MonteCarlo(Plan plan)
    {
        var first = plan.Options.FirstOrDefault();
        string trials = first is null ? "no option was simulated"
            : first.Reliability.Trials.Inv() + " reliability trials per option" + (first.WhatIf is { } w ? " (" + w.Baseline.Trials.Inv() + " per what-if variant)" : "")
              + " and " + first.Buildout.Options.Trials.Inv() + " build-out trials";
        return new ReportAssumption("Monte-Carlo: " + trials + ", seed " + ((long)plan.Seed).Inv() + "; the same seed gives the same report on any machine and thread count",
            "reliability.trials and reliability.seed, or kolosseum plan --trials and --seed");
    }
}
