using CsCheck;
using Kolosseum.Units;

namespace Kolosseum.Tests.Units;

public class UnitsTests
{
    [Fact]
    public void Dimensional_operators_give_the_right_types_and_values()
    {
        Duration t = new Flops(989e12 * 10) / FlopsPerSecond.FromTera(989);
        Assert.Equal(10, t.Seconds, 9);
        Duration transfer = Bytes.FromGB(50) / BytesPerSecond.FromGbitps(400);
        Assert.Equal(1.0, transfer.Seconds, 12);
        Joules e = Watts.FromMegawatts(150) * Duration.FromHours(8760);
        Assert.Equal(1.314e6, e.MegawattHours, 6);
        Watts back = e / Duration.FromHours(8760);
        Assert.Equal(150, back.Megawatts, 9);
    }

    [Theory]
    [InlineData(12.4, "12.4 s")]
    [InlineData(0.0123, "12.3 ms")]
    [InlineData(7200, "2 h")]
    [InlineData(86400 * 54, "54 d")]
    public void Durations_print_in_a_readable_unit(double seconds, string expected) =>
        Assert.Equal(expected, new Duration(seconds).ToString());

    [Theory]
    [InlineData(80.0 * 1024 * 1024 * 1024, "80 GiB")]
    [InlineData(1.5 * 1024 * 1024, "1.5 MiB")]
    public void Bytes_print_with_binary_prefixes(double bytes, string expected) =>
        Assert.Equal(expected, new Bytes(bytes).ToString());

    [Fact]
    public void Money_and_power_print_compactly()
    {
        Assert.Equal("$4.1B", new Usd(4.1e9).ToString());
        Assert.Equal("$27.5k", new Usd(27500).ToString());
        Assert.Equal("143 MW", Watts.FromMegawatts(143).ToString());
        Assert.Equal("450 GB/s", BytesPerSecond.FromGBps(450).ToString());
    }

    [Fact]
    public void Parsing_then_printing_round_trips_sizes() =>
        Gen.Double[0.001, 1e6].Sample(gib =>
        {
            var parsed = QuantityParser.Parse(gib.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + " GiB", Dimension.Bytes);
            return parsed.Ok && Math.Abs(Bytes.FromGiB(gib).Value - parsed.Value) <= 1e-9 * parsed.Value;
        });

    [Fact]
    public void Unit_conversions_round_trip_through_their_factory() =>
        Gen.Double[1e-6, 1e12].Sample(x =>
            Math.Abs(Duration.FromHours(x).Hours - x) <= 1e-12 * x
            && Math.Abs(Watts.FromMegawatts(x).Megawatts - x) <= 1e-12 * x
            && Math.Abs(Joules.FromKilowattHours(x).KilowattHours - x) <= 1e-12 * x
            && Math.Abs(BytesPerSecond.FromGbitps(x).Gbitps - x) <= 1e-12 * x);

    [Theory]
    [InlineData("80 GiB", 80.0 * 1024 * 1024 * 1024)]
    [InlineData("80GiB", 80.0 * 1024 * 1024 * 1024)]
    [InlineData("400 Gb/s", 50e9)]
    public void Quantities_parse_with_units(string text, double expected)
    {
        var dim = text.Contains('/') ? Dimension.BytesPerSecond : Dimension.Bytes;
        var q = QuantityParser.Parse(text, dim);
        Assert.True(q.Ok, q.Error);
        Assert.Equal(expected, q.Value, 3);
    }

    [Theory]
    [InlineData("80", "KOL005")]
    [InlineData("80 GiBs", "KOL006")]
    [InlineData("NaN GiB", "KOL011")]
    [InlineData("1,5 GiB", "KOL004")]
    [InlineData("lots", "KOL004")]
    public void Bad_quantities_are_refused_with_a_code(string text, string code)
    {
        var q = QuantityParser.Parse(text, Dimension.Bytes);
        Assert.False(q.Ok);
        Assert.Equal(code, q.ErrorCode);
    }

    [Fact]
    public void A_unit_typo_gets_a_suggestion()
    {
        var q = QuantityParser.Parse("80 GiBs", Dimension.Bytes);
        Assert.Contains("GiB", q.Suggestion);
    }

    [Fact]
    public void Counts_written_with_a_suffix_are_whole_however_the_product_rounds()
    {
        // 256.09 × 1e12 is 256089999999999.97 in binary floating point; the user wrote a whole number.
        Gen.Select(Gen.Int[1, 99_999], Gen.OneOfConst("k", "M", "B", "T")).Sample((hundredths, suffix) =>
        {
            var q = QuantityParser.Parse((hundredths / 100.0).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + suffix, Dimension.Count);
            double exact = (double)(hundredths * suffix switch { "k" => 10m, "M" => 10_000m, "B" => 10_000_000m, _ => 10_000_000_000m });
            Assert.Equal(exact, QuantityParser.WholeNumber(q.Value));
        });
        // A fraction stays a fraction, however small, down to the precision of a double.
        Assert.Null(QuantityParser.WholeNumber(6.5));
        Assert.Null(QuantityParser.WholeNumber(64.000001));
        Assert.Null(QuantityParser.WholeNumber(1e6 + 0.01));
        Assert.Equal(-3.0, QuantityParser.WholeNumber(-3.0));
    }
}
