using System.Security.Cryptography;
using System.Text;

namespace Kolosseum.Reporting.Html;

/// <summary>
/// The report's one style sheet: light colours, a readable measure, figures that scale with the
/// window, and print rules that keep a chart or table on one page. It is a constant, so the
/// Content-Security-Policy can allow exactly this sheet by its hash and nothing else.
/// </summary>
public static class ReportStyles
{
    public const string Css = """
:root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--soft:#f5f7fa;--accent:#0072b2;--win:#e3f4ea;--win-ink:#14532d}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header,main,footer{max-width:1000px;margin:0 auto;padding:0 24px}
header{padding-top:28px}
h1{font-size:1.8em;margin:0 0 4px}
h2{font-size:1.3em;margin:32px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
.subtitle,.lead,footer{color:var(--muted)}
.answer{background:var(--soft);border-left:4px solid var(--accent);padding:12px 18px;font-size:1.1em}
.answer h2{border:0;margin-top:0}
nav ol{columns:2;padding-left:20px;color:var(--muted)}
nav a{color:var(--accent)}
table{border-collapse:collapse;margin:12px 0;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{border-bottom:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}
td.num,td.fig{white-space:nowrap}
thead th{background:var(--soft)}
.num{text-align:right}
.unit{color:var(--muted);font-weight:normal}
td.win{background:var(--win);color:var(--win-ink);font-weight:600}
.badge{display:inline-block;margin-left:6px;padding:0 6px;border-radius:8px;background:#fff;border:1px solid var(--win-ink);font-size:.75em;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:12px 0}
dt{color:var(--muted)}
dd{margin:0}
.source{color:var(--muted);font-size:.85em}
.note{background:#fffbea;border-left:4px solid #f0b429;padding:8px 14px}
pre{background:var(--soft);padding:12px;overflow-x:auto;font-size:.85em;white-space:pre-wrap;word-break:break-word}
figure{margin:16px 0}
figure.chart{margin:20px 0;padding:12px;border:1px solid var(--line);border-radius:6px}
figcaption{margin-bottom:8px}
.chart-title{font-weight:600}
.chart-desc{color:var(--muted)}
.chart-empty,.chart-note{color:var(--muted);font-style:italic;margin:4px 0}
figure svg{display:block;width:100%;height:auto;max-width:960px}
svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:12px;fill:var(--ink)}
svg .tick-label,svg .legend-label{fill:var(--muted)}
svg .axis-title{font-weight:600}
svg .marker-label{font-size:11px;fill:#7b341e}
svg .grid{stroke:#edf1f5;stroke-width:1}
svg .axis{stroke:#9aa5b1;stroke-width:1}
svg .tick{stroke:#9aa5b1}
svg .lane{stroke:#edf1f5}
svg .bar{stroke:#fff;stroke-width:.5}
svg .line{fill:none;stroke-width:2}
svg .area{opacity:.18}
svg .band{opacity:.2;stroke:none}
svg .dot{stroke:#fff;stroke-width:1}
svg .event{stroke-width:1.5;fill:none}
svg .marker{stroke:#c05621;stroke-width:1;stroke-dasharray:4 3}
svg .whisker{stroke:#1f2933;stroke-width:1.5}
svg .baseline{stroke:#1f2933;stroke-width:1.5}
svg .zero{stroke:#9aa5b1;stroke-width:1}
footer{margin-top:40px;padding-bottom:28px;font-size:.85em;border-top:1px solid var(--line);padding-top:12px}
@media (max-width:640px){body{font-size:14px}td.num,td.fig{white-space:normal}header,main,footer{padding:0 12px}nav ol{columns:1}dl{grid-template-columns:1fr}}
@media print{@page{margin:14mm}body{font-size:10.5pt}nav{display:none}header,main,footer{max-width:none;padding:0}figure.chart,table,dl,pre{break-inside:avoid}h2{break-after:avoid}a{color:inherit;text-decoration:none}table{font-size:9pt}th,td{padding:3px 5px}}
""";

    /// <summary>'sha256-…' of <see cref="Css"/> as UTF-8, for the style-src directive.</summary>
    public static string CspHash { get; } = "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Css))) + "'";

    /// <summary>
    /// No script, no fetch, no frame, no form target: only this style sheet. Even if escaping ever
    /// failed, injected script or a remote resource would be refused by the browser.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        "default-src 'none'; style-src " + CspHash + "; img-src data:; base-uri 'none'; form-action 'none'";
}
