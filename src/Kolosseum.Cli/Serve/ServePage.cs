using System.Security.Cryptography;
using System.Text;
using Kolosseum.Reporting.Html;

namespace Kolosseum.Cli.Serve;

/// <summary>
/// The what-if page: the report's style sheet and a small script, both inline and allowed by a nonce that is new
/// for every response; the policy allows nothing else (no other script, no remote anything, no frames, no forms
/// posting elsewhere). User text reaches the page escaped here, as the report's escaped markup from the API, or
/// through textContent in the script.
/// </summary>
internal static class ServePage
{
    private static readonly string Css = Resource("page.css");
    private static readonly string Script = Resource("page.js");

    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

    public static string ContentSecurityPolicy(string nonce) =>
        $"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; img-src data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static string Html(string nonce, string file, string scenarioText)
    {
        string name = file == Scenarios.ScenarioLoader.DefaultName ? "the embedded default scenario" : Path.GetFileName(file);
        var html = new StringBuilder(16 * 1024 + scenarioText.Length);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append("<meta name=\"generator\" content=\"Kolosseum\">\n<title>Kolosseum what-if</title>\n");
        // No favicon request: an empty data: icon.
        html.Append("<link rel=\"icon\" href=\"data:,\">\n");
        html.Append("<style nonce=\"").Append(nonce).Append("\">").Append(ReportStyles.Css).Append(Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<header>\n<h1 id=\"title\">Kolosseum what-if</h1>\n<p class=\"subtitle\" id=\"subtitle\">Planning ")
            .Append(HtmlText.EscapeLine(name)).Append("…</p>\n</header>\n");
        html.Append("<div class=\"layout\">\n<aside class=\"controls\" aria-label=\"Inputs\">\n");
        html.Append("<form id=\"inputs\" autocomplete=\"off\"><p class=\"muted\">Reading the scenario…</p></form>\n");
        html.Append("<p id=\"status\" role=\"status\" aria-live=\"polite\"></p>\n<progress id=\"progress\" max=\"1\" value=\"0\" hidden></progress>\n");
        html.Append("<p id=\"basis\" class=\"muted\"></p>\n");
        html.Append("<section id=\"problems\" hidden>\n<h2>Problems</h2>\n<ul id=\"problem-list\"></ul>\n</section>\n");
        html.Append("<details id=\"scenario\">\n<summary>Scenario YAML: <span id=\"scenario-name\" data-served=\"")
            .Append(HtmlText.Escape(name)).Append("\">").Append(HtmlText.EscapeLine(name)).Append("</span></summary>\n");
        html.Append("<textarea id=\"scenario-text\" spellcheck=\"false\" rows=\"18\" aria-label=\"Scenario YAML\">")
            .Append(HtmlText.Escape(scenarioText)).Append("</textarea>\n");
        html.Append("<p class=\"row\"><label>Open a file <input type=\"file\" id=\"scenario-file\" accept=\".yaml,.yml,text/yaml\"></label></p>\n");
        html.Append("<p class=\"row\"><button type=\"button\" id=\"scenario-plan\">Plan this text</button> ")
            .Append("<button type=\"button\" id=\"scenario-reset\">Back to the served scenario</button></p>\n</details>\n");
        html.Append("</aside>\n<main id=\"result\"></main>\n</div>\n");
        html.Append("<footer>\n<p>kolosseum serve · this page talks to this machine only and loads nothing from anywhere else.</p>\n</footer>\n");
        html.Append("<script nonce=\"").Append(nonce).Append("\">\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ServePage).Assembly.GetManifestResourceStream("Kolosseum.Cli.Serve.Page." + name)
            ?? throw new InvalidOperationException("missing embedded page resource " + name + " (a build problem)");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
