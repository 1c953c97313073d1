using Kolosseum.Validation;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// The plan's second search inside the validated published runs (<c>search.validated: beside</c>, the default):
/// what it shows beside each searched option's layout must have its shape inside the runs, and can never beat the
/// unconstrained search, which considered every layout it did.
/// </summary>
public class ValidatedBesideTests
{
    [Fact]
    public void Each_searched_option_shows_a_validated_best_inside_the_runs_and_no_faster_than_the_unconstrained_best()
    {
        var plan = PlanFixtures.Default.Plan;
        Assert.NotEmpty(plan.Options);
        foreach (var p in plan.Options)
        {
            Assert.True(p.ValidatedSearched, p.Option.Name);
            var fastest = p.Search!.Best[0];
            if (p.ValidatedBest is not { } v) continue;
            Assert.True(ValidatedEnvelope.Embedded.CoversShape(v.Layout, p.Training.SeqLen), v.Layout.ToString());
            Assert.InRange(v.Gpus, 1, p.Option.Gpus);
            Assert.True(v.TrainTime.Seconds >= fastest.TrainSeconds * (1 - 1e-12),
                $"{p.Option.Name}: validated {v.TrainTime.Seconds / 86400:F2} d beats the unconstrained {fastest.TrainSeconds / 86400:F2} d");
        }
        // The default question's layouts lie outside the validated runs, so the beside search is what a reader compares.
        Assert.True(plan.Options.Any(p => p.ValidatedBest is not null && !ValidatedEnvelope.Embedded.CoversShape(p.Step.Layout, p.Training.SeqLen)),
            "no option shows a validated best beside a layout outside the validated runs");
    }

    [Fact]
    public void The_validated_best_is_reported_at_its_own_batch_beside_the_chosen_layouts_days()
    {
        // The two searches range over batches, so their step times need not be for the same batch (the default
        // Build option: the validated best at 4,096 sequences, the chosen at 2,048). Days compare; steps do not.
        var plan = PlanFixtures.Default.Plan;
        bool differ = false;
        foreach (var p in plan.Options)
        {
            if (p.ValidatedBest is not { } v) continue;
            Assert.InRange(v.GlobalBatch, 1, int.MaxValue);
            // Its failure-free days are its steps at its own batch: the tokens the run needs at that batch (D(B)).
            double tokens = v.Steps * v.GlobalBatch * p.Training.SeqLen;
            Assert.Equal(p.Training.TokensAt(v.GlobalBatch), tokens, 1e-9 * tokens);
            Assert.Equal(v.Steps * v.StepTime.Seconds, v.TrainTime.Seconds, 1e-6 * v.TrainTime.Seconds);
            string line = Kolosseum.Cli.Commands.PlanView.ValidatedLine(p);
            Assert.Contains($"at batch {v.GlobalBatch:N0}", line);
            Assert.Contains($"at batch {p.Step.GlobalBatch:N0})", line);
            differ |= v.GlobalBatch != p.Step.GlobalBatch;
        }
        Assert.True(differ, "the default plan no longer has an option whose validated best runs at another batch: the test lost its case");
    }
}
