using Kolosseum.Diagnostics;

namespace Kolosseum.Cli.Infrastructure;

/// <summary>
/// Diagnostics as one JSON document: every problem with its place (file, line, column; line 0 for a flag or a
/// request field), field, value, rule and suggestion, plus the line the terminal prints. Sorted as the terminal
/// shows them, errors counted the same way.
/// </summary>
internal static class DiagnosticJson
{
    public static object Of(DiagnosticBag bag) => new
    {
        errors = bag.ErrorCount,
        warnings = bag.Items.Count(d => d.Severity == Severity.Warning),
        dropped = bag.Dropped,
        diagnostics = bag.Sorted().Select(d => new
        {
            severity = d.Severity == Severity.Error ? "error" : "warning",
            code = d.Code,
            file = d.Location.File,
            line = d.Location.Line,
            column = d.Location.Column,
            field = d.Field,
            value = d.Value,
            rule = d.Rule,
            suggestion = d.Suggestion,
            message = d.Format(),
        }),
    };
}
