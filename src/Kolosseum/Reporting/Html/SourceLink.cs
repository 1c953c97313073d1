namespace Kolosseum.Reporting.Html;

/// <summary>
/// A citation as HTML: a link only when it is an absolute http or https address (so a
/// "javascript:" or "data:" source can never become a clickable link), plain escaped text otherwise.
/// </summary>
public static class SourceLink
{
    public static bool IsWebAddress(string source) =>
        Uri.TryCreate(source.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !source.Any(char.IsWhiteSpace);

    public static string Html(string source)
    {
        string text = HtmlText.EscapeLine(source);
        if (!IsWebAddress(source)) return text;
        // rel: the report never hands the reader's context to the linked page.
        return "<a href=\"" + text + "\" rel=\"noopener noreferrer external\">" + text + "</a>";
    }
}
