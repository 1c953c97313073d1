using CsCheck;
using Kolosseum.Economics;
using Kolosseum.Units;

namespace Kolosseum.Tests.Economics;

public class FinanceTests
{
    /// <summary>The level payments of an annuity, discounted back at its own rate, repay exactly the investment.</summary>
    [Fact]
    public void Annuity_payments_discount_back_to_the_investment()
    {
        Gen.Double[0, 0.3].Select(Gen.Int[1, 30]).Sample((r, n) =>
        {
            double payment = Finance.CapitalRecoveryFactor(r, n);
            double pv = r < 1e-12 ? payment * n : Enumerable.Range(1, n).Sum(t => payment / Math.Pow(1 + r, t));
            Assert.Equal(1, pv, 1e-9);
        });
    }

    /// <summary>Textbook value: at 10% over 5 years the capital recovery factor is 0.263797 (e.g. any engineering-economics table).</summary>
    [Fact]
    public void Capital_recovery_factor_matches_the_table_value()
    {
        Assert.Equal(0.263797, Finance.CapitalRecoveryFactor(0.10, 5), 6);
        Assert.Equal(0.2, Finance.CapitalRecoveryFactor(0, 5), 12);
    }

    /// <summary>
    /// docs/sources.md E2 (derived): $50k per GPU over 5 years is $1.14 per GPU-hour, over 3.1 years $1.84
    /// (straight line, 8,766 h a year). Tolerance: the note rounds to the cent.
    /// </summary>
    [Fact]
    public void Fifty_thousand_dollars_per_gpu_over_five_years_is_a_dollar_fourteen_an_hour()
    {
        var five = HourlyRate.Per(Finance.AnnualCharge(new Usd(50_000), 0, Duration.FromYears(5)), Duration.FromYears(1));
        var three = HourlyRate.Per(Finance.AnnualCharge(new Usd(50_000), 0, Duration.FromYears(3.1)), Duration.FromYears(1));
        Assert.Equal(1.14, five.UsdPerHour, 0.005);
        Assert.Equal(1.84, three.UsdPerHour, 0.005);
    }

    [Fact]
    public void Discounted_payback_repays_the_investment()
    {
        // Rates from 1e-6 up: below that the direct present-value formula the check uses cancels.
        Gen.Double[1e6, 1e10].Select(Gen.Double[1e5, 1e10], Gen.Double[1e-6, 0.3]).Sample((capex, saving, r) =>
        {
            var t = Finance.DiscountedPayback(new Usd(capex), new Usd(saving), r);
            if (t is null)
            {
                Assert.True(capex * r >= saving);
                return;
            }
            double years = t.Value.Years;
            double pv = saving * (1 - Math.Pow(1 + r, -years)) / r;
            Assert.Equal(capex, pv, 1e-6 * capex);
        });
    }

    [Fact]
    public void Payback_at_zero_rate_is_investment_over_saving()
    {
        Assert.Equal(4, Finance.DiscountedPayback(new Usd(8e9), new Usd(2e9), 0)!.Value.Years, 12);
    }

    [Fact]
    public void Payback_never_comes_without_a_saving()
    {
        Assert.Null(Finance.DiscountedPayback(new Usd(1e9), new Usd(0), 0.1));
        Assert.Null(Finance.DiscountedPayback(new Usd(1e9), new Usd(-5e6), 0));
    }
}
