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
}
