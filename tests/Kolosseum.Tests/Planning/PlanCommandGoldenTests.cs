using System.Globalization;
using System.Text.Json;
using Kolosseum.Planning;
using Kolosseum.Reporting.Html;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Planning;

/// <summary>
/// Golden files of the plan (see <see cref="Approvals"/>): the terminal output of <c>kolosseum plan --seed 7
/// --trials 200</c> run in-process, and the JSON document <c>--json</c> prints for that plan, with the fields
/// other tools rely on. The command also writes the report, which must equal the one planned under de-DE on
/// one thread (the command runs with the invariant culture on two). A default plan costs seconds, so the
/// JSON is serialised from the shared plan by the command's own code rather than by planning a third time.
/// </summary>
public sealed class PlanCommandGoldenTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kolosseum-plan-golden-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Terminal_output_matches_the_approved_file_and_the_report_matches_the_de_DE_one_thread_plan()
    {
        string report = Path.Combine(_folder, "plan.html");
        var (code, stdout, stderr) = CliRunner.Run("plan", "--seed", PlanFixtures.Seed.ToString(CultureInfo.InvariantCulture),
            "--trials", PlanFixtures.Trials.ToString(CultureInfo.InvariantCulture), "--threads", "2", "--report", report, "--create-dirs");
        Assert.True(code == 0, stderr);
        Approvals.Verify(stdout, "Planning/PlanTerminal.approved.txt");
        Assert.Equal(PlanFixtures.Default.Html, File.ReadAllText(report));
    }

    [Fact]
    public void Json_matches_the_approved_file_and_holds_each_options_key_figures()
    {
        string text = PlanFixtures.Default.Json;
        Approvals.Verify(text, "Planning/PlanJson.approved.json");
        using var json = JsonDocument.Parse(text);
        var options = json.RootElement.GetProperty("options").EnumerateArray().ToArray();
        var plan = PlanFixtures.Default.Plan;
        Assert.Equal(plan.Options.Count, options.Length);
        for (int i = 0; i < options.Length; i++)
            OptionFields(options[i], plan.Options[i]);
    }

    [Fact]
    public void Report_of_the_same_plan_is_byte_identical_under_every_culture()
    {
        var plan = PlanFixtures.Default.Plan;
        foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("tr-TR"), new CultureInfo("fr-CH") })
            Assert.Equal(PlanFixtures.Default.Html, PlanFixtures.WithCulture(culture, () => HtmlReportWriter.Write(PlanReport.Build(plan, PlanFixtures.Default.Uncertain))));
    }

    /// <summary>The fields other tools rely on (issue 7), each equal to the plan's own number.</summary>
    private static void OptionFields(JsonElement o, OptionPlan p)
    {
        Assert.Equal(p.Option.Name, o.GetProperty("name").GetString());
        var layout = o.GetProperty("layout");
        Assert.Equal(p.Step.Layout.Tp, layout.GetProperty("tp").GetInt32());
        Assert.Equal(p.Step.Layout.Pp, layout.GetProperty("pp").GetInt32());
        Assert.Equal(p.Step.Layout.Dp, layout.GetProperty("dp").GetInt32());
        Assert.Equal(p.Step.StepTime.Seconds, o.GetProperty("step_time_s").GetDouble());
        Assert.Equal(p.Step.Mfu, o.GetProperty("mfu").GetDouble());
        Assert.InRange(p.Step.Mfu, 0.05, 1);
        Assert.Equal(p.DaysP50, o.GetProperty("days_to_train").GetProperty("p50").GetDouble());
        Assert.Equal(p.DaysP90, o.GetProperty("days_to_train").GetProperty("p90").GetDouble());
        Assert.True(p.DaysP90 >= p.DaysP50);
        Assert.Equal(Date(p.Schedule.FinishP50), o.GetProperty("finish_date").GetProperty("p50").GetString());
        Assert.Equal(Date(p.Schedule.FinishP90), o.GetProperty("finish_date").GetProperty("p90").GetString());
        Assert.Equal(p.ItMw, o.GetProperty("it_mw").GetDouble());
        Assert.Equal(p.FacilityMw, o.GetProperty("facility_mw").GetDouble());
        Assert.Equal(p.SwingMw, o.GetProperty("swing_mw").GetDouble());
        Assert.True(p.SwingMw > 0 && p.SwingMw < p.ItMw && p.ItMw < p.FacilityMw);
        Assert.Equal(p.Cost.RunCost.Value, o.GetProperty("run_cost_usd").GetDouble());
        Assert.Equal(Comparison.Tco(p), o.GetProperty("tco_usd").GetDouble());
        Assert.True(p.Cost.RunCost.Value > 0 && Comparison.Tco(p) > p.Cost.RunCost.Value);
    }

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
