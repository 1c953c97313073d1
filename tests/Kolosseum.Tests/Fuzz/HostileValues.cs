using System.Globalization;

namespace Kolosseum.Tests.Fuzz;

/// <summary>
/// Values users paste and attackers write: non-finite and absurd numbers, unit typos, values of the
/// wrong kind, YAML features (anchors, tags, block scalars), control and bidi characters, markup.
/// </summary>
internal static class HostileValues
{
    public static readonly string[] Scalars =
    [
        "NaN", ".nan", ".inf", "-.inf", "Infinity", "-Infinity", "∞", "#DIV/0!",
        "-1", "0", "-0", "0.0", "1e-320", "1e-300", "1e308", "1e309", "-1e308", "1e30", "1e17", "1e400",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "9007199254740993", "2147483647", "2147483648", "4294967296",
        "80 GiBs", "80 GIB", "80GiB", "1,000", "1_000", "0x1F", "1e3e3", "1..5", "--5", "+5", "5 5", "5 W W",
        "1 W", "5 MW", "1e300 W", "1e-30 W", "1 y", "1e9 y", "1e-9 s", "-5 %", "1000 %", "1e-9 %", "$-1", "$1e30", "$", "1e30 USD/h",
        "1e30 GiB", "1 B", "1e30 TB/s", "1e-30 Gb/s", "1e30 FLOP", "1e40 FLOP", "1e30 GPUs/week", "1e-30 servers/week", "1e9 m", "1e-9 m",
        "~", "null", "true", "no", "yes", "''", "\"\"", "' '", "2024-02-30", "0000-01-01", "9999-12-31", "2024-07-10T00:00:00Z",
        "\"\\e[31mred\\e[0m\"", "\"\\u202Eevil\\u202C\"", "\"a\\0b\"", "\"\\u2066x\\u2069\"", "<script>alert(1)</script>", "\"</script><script>alert(2)</script>\"",
        "&a x", "*nowhere", "!!binary AAAA", "!!python/object:os.system x", "!!float x", "!!int 1e3", "!custom 5", "{", "[", "}", "]", "|", ">", "- -", ":", "? x",
        "auto", "fast-track", "H100-SXM-80GB", "H10", "llama3.1-405b", "rented", "owned", "bf16", "fp8", "fp4", "weibull",
    ];

    /// <summary>A value for a numeric field: the original scaled by a power of ten, negated, zeroed, or stripped of its unit.</summary>
    public static string Rescale(string number, string unit, Random random)
    {
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) value = 1;
        string suffix = unit.Length == 0 ? "" : " " + unit;
        return random.Next(8) switch
        {
            0 => "0" + suffix,
            1 => (-value).ToString("R", CultureInfo.InvariantCulture) + suffix,
            2 => number,
            3 => number + suffix + "s",
            4 => (value * Math.Pow(10, random.Next(-320, 320))).ToString("R", CultureInfo.InvariantCulture) + suffix,
            5 => (value + 0.5).ToString("R", CultureInfo.InvariantCulture) + suffix,
            _ => (value * Math.Pow(10, random.Next(-12, 13))).ToString("R", CultureInfo.InvariantCulture) + suffix,
        };
    }

    public static string Pick(Random random) => Scalars[random.Next(Scalars.Length)];

    /// <summary>Bytes that confuse parsers and terminals: NUL, escape, tab, YAML indicators, broken UTF-8, bidi overrides.</summary>
    public static readonly byte[][] Bytes =
    [
        [0x00], [0x1b], [0x1b, 0x5b, 0x32, 0x4a], [0x09], [0x0d], [0x0a], [0x3a], [0x5b], [0x7b], [0x26], [0x2a], [0x21], [0x25], [0x40], [0x60],
        [0x22], [0x27], [0x7c], [0x3e], [0x23], [0x2d, 0x20], [0xc3], [0xff], [0xfe, 0xff], [0xef, 0xbb, 0xbf], [0xe2, 0x80, 0xae], [0xed, 0xa0, 0x80],
    ];
}
