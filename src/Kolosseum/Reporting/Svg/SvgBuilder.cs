using System.Globalization;
using System.Text;
using Kolosseum.Reporting.Html;

namespace Kolosseum.Reporting.Svg;

/// <summary>
/// Writes SVG elements. Coordinates are rounded to hundredths and printed invariantly, and every
/// text or attribute value goes through <see cref="HtmlText"/>, so no caller can emit raw markup.
/// It keeps the box of every text it wrote, so a label placed later can take a spot no other text holds.
/// </summary>
internal sealed class SvgBuilder
{
    private readonly StringBuilder _sb = new();
    private readonly List<TextBox> _texts = [];

    /// <summary>The boxes of the texts written so far, in order.</summary>
    public IReadOnlyList<TextBox> TextBoxes => _texts;

    /// <summary>Whether <paramref name="box"/> keeps at least <paramref name="gap"/> from every text written so far.</summary>
    public bool IsFree(TextBox box, double gap = 1) => !_texts.Any(t => t.Overlaps(box, gap));

    /// <summary>The font size the style sheet gives a text of this class.</summary>
    public static double FontSize(string cssClass) => cssClass == "marker-label" ? TextMetrics.MarkerFontSize : TextMetrics.FontSize;

    /// <summary>Invariant, at most two decimals, never "-0": the same number always prints the same.</summary>
    public static string N(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(v), "SVG coordinates must be finite");
        double r = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        if (r == 0) r = 0;
        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public SvgBuilder Raw(string trustedMarkup)
    {
        _sb.Append(trustedMarkup);
        return this;
    }

    public SvgBuilder Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _sb.Append('<').Append(tag);
        AppendAttributes(attributes);
        _sb.Append('>');
        return this;
    }

    public SvgBuilder Close(string tag)
    {
        _sb.Append("</").Append(tag).Append(">\n");
        return this;
    }

    /// <summary>An element with attributes and an optional tooltip (an SVG &lt;title&gt; child).</summary>
    public SvgBuilder Element(string tag, string? tooltip, params (string Name, string? Value)[] attributes)
    {
        _sb.Append('<').Append(tag);
        AppendAttributes(attributes);
        if (tooltip is null)
        {
            _sb.Append("/>\n");
            return this;
        }
        _sb.Append("><title>").Append(HtmlText.EscapeLine(tooltip)).Append("</title></").Append(tag).Append(">\n");
        return this;
    }

    public SvgBuilder Rect(double x, double y, double width, double height, string cssClass, string? fill = null, string? tooltip = null) =>
        Element("rect", tooltip, ("x", N(x)), ("y", N(y)), ("width", N(Math.Max(0, width))), ("height", N(Math.Max(0, height))), ("class", cssClass), ("fill", fill));

    public SvgBuilder Line(double x1, double y1, double x2, double y2, string cssClass, string? stroke = null, string? tooltip = null) =>
        Element("line", tooltip, ("x1", N(x1)), ("y1", N(y1)), ("x2", N(x2)), ("y2", N(y2)), ("class", cssClass), ("stroke", stroke));

    public SvgBuilder Circle(double cx, double cy, double r, string cssClass, string? fill = null, string? tooltip = null) =>
        Element("circle", tooltip, ("cx", N(cx)), ("cy", N(cy)), ("r", N(r)), ("class", cssClass), ("fill", fill));

    public SvgBuilder Path(PathData d, string cssClass, string? fill = null, string? stroke = null, string? tooltip = null) =>
        Element("path", tooltip, ("d", d.ToString()), ("class", cssClass), ("fill", fill), ("stroke", stroke));

    /// <summary>One line of text; <paramref name="anchor"/> is start, middle or end.</summary>
    public SvgBuilder Text(double x, double y, string text, string cssClass, string anchor = "start", string? tooltip = null)
    {
        if (text.Length > 0) _texts.Add(TextBox.Of(x, y, text, anchor, FontSize(cssClass)));
        _sb.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" class=\"").Append(HtmlText.Escape(cssClass)).Append('"');
        if (anchor != "start") _sb.Append(" text-anchor=\"").Append(HtmlText.Escape(anchor)).Append('"');
        _sb.Append('>');
        if (tooltip is not null) _sb.Append("<title>").Append(HtmlText.EscapeLine(tooltip)).Append("</title>");
        _sb.Append(HtmlText.EscapeLine(text)).Append("</text>\n");
        return this;
    }

    public override string ToString() => _sb.ToString();

    private void AppendAttributes((string Name, string? Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _sb.Append(' ').Append(name).Append("=\"").Append(HtmlText.Escape(value)).Append('"');
        }
    }
}

/// <summary>SVG path data built from finite coordinates.</summary>
internal sealed class PathData
{
    private readonly StringBuilder _d = new();

    public bool IsEmpty => _d.Length == 0;

    public PathData MoveTo(double x, double y) => Add('M', x, y);
    public PathData LineTo(double x, double y) => Add('L', x, y);

    public PathData Close()
    {
        _d.Append('Z');
        return this;
    }

    public override string ToString() => _d.ToString();

    private PathData Add(char command, double x, double y)
    {
        if (_d.Length > 0) _d.Append(' ');
        _d.Append(command).Append(SvgBuilder.N(x)).Append(',').Append(SvgBuilder.N(y));
        return this;
    }
}
