using System.Text;

namespace Kolosseum.Diagnostics;

public enum Severity
{
    Error,
    Warning,
}

/// <summary>
/// One problem with user input: where it is, which field, the offending value, the rule it breaks
/// and, where one exists, a suggestion. Printed as
/// <c>file:line:col: error KOL012: layout.tp = '8': must divide attention heads (28); valid: 1, 2, 4</c>.
/// </summary>
public sealed record Diagnostic(
    string Code,
    Severity Severity,
    SourceLocation Location,
    string Field,
    string? Value,
    string Rule,
    string? Suggestion = null)
{
    public string Format()
    {
        var sb = new StringBuilder();
        sb.Append(Location.ToString()).Append(": ");
        sb.Append(Severity == Severity.Error ? "error " : "warning ").Append(Code).Append(": ");
        if (Field.Length > 0) sb.Append(Field);
        if (Value is not null) sb.Append(" = '").Append(Truncate(Value)).Append('\'');
        if (Field.Length > 0 || Value is not null) sb.Append(": ");
        sb.Append(Rule);
        if (!string.IsNullOrEmpty(Suggestion)) sb.Append("; ").Append(Suggestion);
        return sb.ToString();
    }

    public override string ToString() => Format();

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
