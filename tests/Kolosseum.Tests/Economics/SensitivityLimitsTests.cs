using CsCheck;
using Kolosseum.Economics;
using Kolosseum.Scenarios;
using Kolosseum.Units;
using Kolosseum.Tests.Power;
using static Kolosseum.Tests.Power.PowerFixture;

namespace Kolosseum.Tests.Economics;

/// <summary>A tornado row never moves an input outside the range the scenario itself may give it.</summary>
public class SensitivityLimitsTests
{
    private static CostInputs Inputs(double pue, double utilisation) => new()
    {
        Name = "test", Ownership = Ownership.Owned, Inventory = H100Cluster(8_192), Run = Run(Duration.FromDays(30)),
        Power = Settings with { Pue = pue }, Economics = PowerFixture.Economics with { Utilisation = utilisation }, RentPrice = HourlyRate.FromUsdPerHour(2.2),
    };

    [Fact]
    public void Every_valid_pue_and_utilisation_gives_a_tornado_inside_the_valid_ranges()
    {
        // Both ends of each documented range and everything between: PUE 1 to 3, utilisation 1 % to 100 %.
        Gen.Double[1, 3].Select(Gen.Double[0.01, 1]).Sample((pue, u) =>
        {
            var inputs = Inputs(pue, u);
            var rows = Tornado.Run(inputs, PowerFixture.Economics.Sensitivity, c => c.RunCost);
            var pueRow = rows.Single(r => r.Input == SensitivityInput.Pue);
            Assert.InRange(pue * pueRow.LowFactor, 1 - 1e-12, 3 + 1e-12);
            Assert.InRange(pue * pueRow.HighFactor, 1 - 1e-12, 3 + 1e-12);
            Assert.True(pueRow.LowFactor <= 1 && pueRow.HighFactor >= 1);
            var uRow = rows.Single(r => r.Input == SensitivityInput.Utilisation);
            Assert.InRange(u * uRow.HighFactor, 0, 1 + 1e-12);
            foreach (var r in rows) Assert.True(double.IsFinite(r.AtLow.Value) && double.IsFinite(r.AtHigh.Value), r.Input.ToString());
        }, iter: 200);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.05)]
    [InlineData(3.0)]
    public void The_ends_of_the_pue_range_are_clamped_not_refused(double pue)
    {
        var rows = Tornado.Run(Inputs(pue, 0.8), PowerFixture.Economics.Sensitivity, c => c.RunCost);
        var row = rows.Single(r => r.Input == SensitivityInput.Pue);
        var range = PowerFixture.Economics.Sensitivity.Ranges.Single(r => r.Input == SensitivityInput.Pue);
        Assert.Equal(Math.Max(1, pue * range.Low), pue * row.LowFactor, 1e-12);
        Assert.Equal(Math.Min(3, pue * range.High), pue * row.HighFactor, 1e-12);
    }
}
