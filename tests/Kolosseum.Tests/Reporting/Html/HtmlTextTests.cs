using CsCheck;
using Kolosseum.Reporting.Html;

namespace Kolosseum.Tests.Reporting.Html;

public class HtmlTextTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("</style><style>body{display:none}", "&lt;/style&gt;&lt;style&gt;body{display:none}")]
    [InlineData("\" onmouseover=\"alert(1)", "&quot; onmouseover=&quot;alert(1)")]
    [InlineData("' onfocus='x", "&#39; onfocus=&#39;x")]
    [InlineData("AT&T &amp;", "AT&amp;T &amp;amp;")]
    [InlineData("H100 · 80 GiB", "H100 · 80 GiB")]
    public void Markup_characters_are_escaped(string input, string expected) =>
        Assert.Equal(expected, HtmlText.Escape(input));

    [Fact]
    public void Control_characters_and_direction_overrides_are_dropped()
    {
        Assert.Equal("ab", HtmlText.Escape("a\u0000\u0007\u001b[31m\u007f\u0085b".Replace("[31m", "", StringComparison.Ordinal)));
        Assert.Equal("evil.exe", HtmlText.Escape("evil\u202Eexe.\u202C".Replace("exe.", ".exe", StringComparison.Ordinal)));
        Assert.Equal("line 1\nline 2", HtmlText.Escape("line 1\r\nline 2"));
        Assert.Equal("a b c", HtmlText.EscapeLine("a\nb\tc"));
    }

    [Fact]
    public void Surrogate_pairs_survive_and_lone_halves_become_replacement_characters()
    {
        Assert.Equal("GPU 🔥", HtmlText.Escape("GPU 🔥"));
        Assert.Equal("a\uFFFDb", HtmlText.Escape("a\uD83Db"));
        Assert.Equal("a\uFFFD", HtmlText.Escape("a\uDD25"));
        Assert.Equal("\uFFFD", HtmlText.Escape("\uD83D"));
    }

    [Fact]
    public void No_input_can_open_a_tag_close_an_attribute_or_leave_a_bare_ampersand() =>
        Gen.String[Gen.Char, 0, 60].Sample(text =>
        {
            string escaped = HtmlText.Escape(text);
            if (escaped.IndexOfAny(['<', '>', '"', '\'']) >= 0) return false;
            // Every '&' starts one of the five entities the escaper writes.
            for (int i = escaped.IndexOf('&', StringComparison.Ordinal); i >= 0; i = escaped.IndexOf('&', i + 1))
            {
                string rest = escaped[i..];
                if (!(rest.StartsWith("&amp;", StringComparison.Ordinal) || rest.StartsWith("&lt;", StringComparison.Ordinal) || rest.StartsWith("&gt;", StringComparison.Ordinal)
                      || rest.StartsWith("&quot;", StringComparison.Ordinal) || rest.StartsWith("&#39;", StringComparison.Ordinal)))
                    return false;
            }
            return !escaped.Any(c => char.IsControl(c) && c is not '\n' and not '\t') && IsWellFormedUtf16(escaped);
        });

    [Fact]
    public void Escaping_then_decoding_gives_back_the_kept_characters() =>
        Gen.String[Gen.Char.AlphaNumeric, 0, 40].Select(Gen.String[Gen.Char["<>&\"' "], 0, 10], (a, b) => a + b).Sample(text =>
            System.Net.WebUtility.HtmlDecode(HtmlText.Escape(text)) == text);

    private static bool IsWellFormedUtf16(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1])) return false;
                i++;
            }
            else if (char.IsLowSurrogate(s[i])) return false;
        }
        return true;
    }
}
