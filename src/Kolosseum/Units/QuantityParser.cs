using System.Globalization;
using Kolosseum.Diagnostics;

namespace Kolosseum.Units;

/// <summary>The outcome of reading one number with its unit: the SI value, or why it could not be read.</summary>
public readonly record struct ParsedQuantity(double Value, string? ErrorCode, string? Error, string? Suggestion)
{
    public bool Ok => ErrorCode is null;
}

/// <summary>
/// Reads "80 GiB", "400 Gb/s", "$27.5k", "15T" into SI values. Units are explicit: a dimensioned
/// number without a unit is an error, never a silent default, and a unit typo ("80 GiBs") gets a suggestion.
/// </summary>
public static class QuantityParser
{
    /// <summary>
    /// The largest whole number read exactly: every number goes through a double, and above 2^53 doubles
    /// skip integers ("9007199254740993" would silently become ...992). Seeds are limited to it, so a seed
    /// is never changed behind the user's back; counts such as tokens may be larger (they are rounded anyway).
    /// </summary>
    public const long MaxExactInteger = (1L << 53) - 1;

    /// <summary>
    /// Largest magnitude of any number read, in SI units, where a field sets no tighter bound. Nothing in
    /// this domain comes near it (3e25 FLOP is a frontier run; a watt or a dollar figure stays below 1e15),
    /// and below it every sum or product the models form stays finite.
    /// </summary>
    public const double MaxMagnitude = 1e30;

    public const string MagnitudeRule = "is beyond 1e30 in SI units: no input is that large, and the models' sums and products would overflow";

    /// <summary>
    /// Whether a whole number read as a double fits a <c>long</c>. (double)long.MaxValue is 2^63, one past
    /// the largest long, so a range check against long.MaxValue alone lets 2^63 through to an overflowing cast.
    /// </summary>
    public static bool FitsLong(double value) => value >= -9.2233720368547758e18 && value < 9.2233720368547758e18;

    /// <summary>
    /// The whole number a parsed count stands for, or null when it has a fraction. "256.09T" is whole, but
    /// 256.09 × 1e12 in binary floating point is 256089999999999.97: a difference within the rounding of the
    /// product (a few units in the last place) is that rounding, not a fraction the user wrote.
    /// </summary>
    public static double? WholeNumber(double value)
    {
        double nearest = Math.Round(value);
        double magnitude = Math.Abs(value);
        double ulp = Math.BitIncrement(magnitude) - magnitude;
        return Math.Abs(value - nearest) <= 4 * ulp ? nearest : null;
    }

    public static ParsedQuantity Parse(string text, Dimension dimension)
    {
        string s = text.Trim();
        if (s.Length == 0) return Fail(DiagnosticCodes.WrongType, "expected a number", $"write e.g. '{UnitTable.Example(dimension)}'");
        if (IsNonFiniteWord(s.Split(' ', 2)[0])) return Fail(DiagnosticCodes.NotFinite, "must be a finite number", null);

        double scale = 1;
        if (dimension == Dimension.Usd || dimension == Dimension.UsdPerHour || dimension == Dimension.UsdPerKilowattHour || dimension == Dimension.UsdPerWatt)
        {
            // "$27.5k", "$2.20/h": a leading dollar sign stands for USD.
            if (s.StartsWith('$'))
            {
                s = s[1..].TrimStart();
                var (numText, suffix) = Split(s);
                string unit = suffix switch
                {
                    "" => "USD",
                    "k" or "K" => "kUSD",
                    "M" => "MUSD",
                    "B" => "BUSD",
                    _ when suffix.StartsWith('/') => "USD" + suffix,
                    _ => "?" + suffix,
                };
                s = numText + " " + unit;
            }
        }

        var (number, unitText) = Split(s);
        if (number.Length == 0) return Fail(DiagnosticCodes.WrongType, "expected a number", $"write e.g. '{UnitTable.Example(dimension)}'");
        if (number.Contains(',', StringComparison.Ordinal))
            return Fail(DiagnosticCodes.WrongType, "commas are not allowed in numbers (a comma could separate thousands or decimals)", CommaSuggestion(number, unitText));
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            string lower = number.ToLowerInvariant();
            if (lower is "nan" or "inf" or "infinity" or "-inf" or "-infinity" or "+inf" or ".nan" or ".inf" or "-.inf")
                return Fail(DiagnosticCodes.NotFinite, "must be a finite number", null);
            return Fail(DiagnosticCodes.WrongType, "is not a number", $"write e.g. '{UnitTable.Example(dimension)}'");
        }
        if (!double.IsFinite(value)) return Fail(DiagnosticCodes.NotFinite, "must be a finite number", null);

        var table = UnitTable.For(dimension);
        if (unitText.Length == 0)
        {
            if (table.ContainsKey("")) return new ParsedQuantity(value * table[""] * scale, null, null, null);
            return Fail(DiagnosticCodes.MissingUnit, "needs a unit", $"write e.g. '{UnitTable.Example(dimension)}'");
        }
        if (table.TryGetValue(unitText, out double factor))
        {
            double si = value * factor * scale;
            if (!double.IsFinite(si)) return Fail(DiagnosticCodes.NotFinite, "overflows a finite number", null);
            return new ParsedQuantity(si, null, null, null);
        }
        var known = table.Keys.Where(k => k.Length > 0).OrderBy(k => k, StringComparer.Ordinal).ToList();
        string? close = Suggest.Closest(unitText.TrimStart('?'), known);
        if (known.Count == 0)
            return Fail(DiagnosticCodes.UnknownUnit, $"takes a plain number, without a unit ('{unitText.TrimStart('?')}')", $"write '{number}'");
        return Fail(DiagnosticCodes.UnknownUnit,
            $"unknown unit '{unitText.TrimStart('?')}' for {Describe(dimension)}",
            close is null ? "valid units: " + string.Join(", ", known)
            // "mW" for "MW" is a factor of 10^9, not a typo to fix silently: say why the case matters.
            : string.Equals(close, unitText, StringComparison.OrdinalIgnoreCase) ? $"units are case-sensitive ('m' is milli, 'M' mega): did you mean '{number} {close}'?"
            : $"did you mean '{number} {close}'?");
    }

    /// <summary>"1,000" as a thousand or as one; "1,5" as one and a half: both readings, in the user's own digits.</summary>
    public static string CommaSuggestion(string number, string unit)
    {
        string u = unit.Length > 0 ? " " + unit : "";
        bool thousands = System.Text.RegularExpressions.Regex.IsMatch(number, @"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$");
        string joined = number.Replace(",", "", StringComparison.Ordinal);
        int last = number.LastIndexOf(',');
        string decimalReading = number[..last].Replace(",", "", StringComparison.Ordinal) + "." + number[(last + 1)..];
        return thousands && !number.Contains('.', StringComparison.Ordinal)
            ? $"write '{joined}{u}' for {joined}, or '{decimalReading}{u}' if the comma is a decimal point"
            : thousands ? $"write '{joined}{u}' (no thousands separators)" : $"write '{decimalReading}{u}' (a decimal point, not a comma)";
    }

    /// <summary>NaN and infinity as YAML, .NET and spreadsheets write them.</summary>
    private static bool IsNonFiniteWord(string token) =>
        token.TrimStart('+', '-', '$').ToLowerInvariant() is "nan" or ".nan" or "inf" or ".inf" or "infinity" or "∞" or "#num!" or "#div/0!";

    public static string Describe(Dimension dimension) => dimension switch
    {
        Dimension.Bytes => "a size",
        Dimension.BytesPerSecond => "a bandwidth",
        Dimension.Flops => "an amount of compute",
        Dimension.FlopsPerSecond => "a compute rate",
        Dimension.Watts => "a power",
        Dimension.Joules => "an energy",
        Dimension.Duration => "a duration",
        Dimension.Usd => "an amount of money",
        Dimension.UsdPerHour => "an hourly price",
        Dimension.UsdPerKilowattHour => "an energy price",
        Dimension.UsdPerWatt => "a price per watt",
        Dimension.GramsPerKilowattHour => "a carbon intensity",
        Dimension.Meters => "a length",
        Dimension.Percent => "a percentage",
        Dimension.Count => "a count",
        _ => "a number",
    };

    /// <summary>Splits "80GiB" or "80 GiB" into ("80", "GiB").</summary>
    private static (string Number, string Unit) Split(string s)
    {
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            bool numeric = char.IsAsciiDigit(c) || c is '.' or ',' or '_';
            bool sign = (c is '+' or '-') && (i == 0 || s[i - 1] is 'e' or 'E');
            bool exponent = (c is 'e' or 'E') && i > 0 && i + 1 < s.Length && (char.IsAsciiDigit(s[i + 1]) || s[i + 1] is '+' or '-') && char.IsAsciiDigit(s[i - 1]);
            if (!(numeric || sign || exponent)) break;
            i++;
        }
        if (i == 0)
        {
            // Words such as NaN or Infinity: hand the whole token to the number parser.
            int space = s.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? (s, "") : (s[..space], s[(space + 1)..].Trim());
        }
        return (s[..i].Replace("_", "", StringComparison.Ordinal), s[i..].Trim());
    }

    private static ParsedQuantity Fail(string code, string error, string? suggestion) => new(double.NaN, code, error, suggestion);
}
