using System.Globalization;
using CsCheck;
using Kolosseum.Units;

namespace Kolosseum.Tests.Units;

/// <summary>
/// The signed formatters near zero, where rounding and the sign meet: a change that prints as zero prints
/// one plain zero, never "+0", "-0", "-0.0 %" or "-+0.0 %", and a printed sign agrees with the number's.
/// </summary>
public sealed class SignedFormatTests
{
    // Tiny values of either sign at every scale down to subnormals, values around the rounding edges of one
    // decimal in percent (±0.0005 as a fraction) and of three significant digits, and both zeros.
    private static readonly Gen<double> NearZero = Gen.OneOf(
        Gen.Double[-1e-3, 1e-3],
        Gen.Double[-1, 1].Select(Gen.Int[-320, -3], (m, e) => m * Math.Pow(10, e)),
        Gen.OneOfConst(0.0, -0.0, 0.0005, -0.0005, 0.00049999999, -0.00049999999, double.Epsilon, -double.Epsilon));

    [Fact]
    public void Signed_percent_never_prints_a_signed_zero_and_its_sign_matches_the_printed_value()
    {
        NearZero.Sample(fraction =>
        {
            string text = UnitFormat.SignedPercent(fraction);
            Assert.EndsWith(" %", text, StringComparison.Ordinal);
            string number = text[..^2];
            Assert.DoesNotContain("+-", number, StringComparison.Ordinal);
            Assert.DoesNotContain("-+", number, StringComparison.Ordinal);
            double printed = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (printed == 0) Assert.Equal("0.0", number);
            else Assert.Equal(printed > 0 ? '+' : '-', number[0]);
            Assert.Equal(Math.Round(fraction * 100, 1, MidpointRounding.AwayFromZero), printed, 1e-9);
        });
    }

    [Fact]
    public void Signed_number_never_prints_a_signed_zero_and_its_sign_matches_the_printed_value()
    {
        NearZero.Sample(value =>
        {
            foreach (double v in new[] { value, value * 100, value * 1e6 })
            {
                string text = UnitFormat.SignedNumber(v);
                Assert.DoesNotContain("+-", text, StringComparison.Ordinal);
                Assert.DoesNotContain("-+", text, StringComparison.Ordinal);
                double printed = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (printed == 0) Assert.Equal("0", text);
                else Assert.Equal(printed > 0 ? '+' : '-', text[0]);
            }
        });
    }

    [Fact]
    public void Unsigned_number_and_percent_never_print_minus_zero()
    {
        NearZero.Sample(value =>
        {
            Assert.NotEqual("-0", UnitFormat.Number(value));
            Assert.DoesNotMatch("^-0(\\.0+)? %$", UnitFormat.Percent(value));
        });
    }

    [Theory]
    [InlineData(0.042, "+4.2 %")]
    [InlineData(-0.003, "-0.3 %")]
    [InlineData(-0.0004, "0.0 %")]
    [InlineData(-0.0, "0.0 %")]
    public void Signed_percent_examples(double fraction, string expected) => Assert.Equal(expected, UnitFormat.SignedPercent(fraction));
}
