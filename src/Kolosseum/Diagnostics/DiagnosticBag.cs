namespace Kolosseum.Diagnostics;

/// <summary>Collects every problem found in one pass so that a user sees all of them at once.</summary>
public sealed class DiagnosticBag
{
    /// <summary>A hostile input must not grow the list without bound; later problems are summarised.</summary>
    public const int MaxReported = 200;

    private readonly List<Diagnostic> _items = [];
    private int _dropped;

    public IReadOnlyList<Diagnostic> Items => _items;
    public int Dropped => _dropped;
    public bool HasErrors => _items.Exists(d => d.Severity == Severity.Error) || _dropped > 0;
    public int Count => _items.Count + _dropped;

    /// <summary>Errors so far, the dropped ones included (dropped problems are counted as errors).</summary>
    public int ErrorCount => _items.Count(d => d.Severity == Severity.Error) + _dropped;

    public void Add(Diagnostic diagnostic)
    {
        if (_items.Count >= MaxReported)
        {
            _dropped++;
            return;
        }
        if (!_items.Contains(diagnostic)) _items.Add(diagnostic);
    }

    public void Error(string code, SourceLocation location, string field, string? value, string rule, string? suggestion = null) =>
        Add(new Diagnostic(code, Severity.Error, location, field, value, rule, suggestion));

    public void Warning(string code, SourceLocation location, string field, string? value, string rule, string? suggestion = null) =>
        Add(new Diagnostic(code, Severity.Warning, location, field, value, rule, suggestion));

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics) Add(d);
    }

    /// <summary>Sorted by file, line and column so output is deterministic and reads top to bottom.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.OrderBy(d => d.Location.File, StringComparer.Ordinal)
              .ThenBy(d => d.Location.Line)
              .ThenBy(d => d.Location.Column)
              .ThenBy(d => d.Code, StringComparer.Ordinal)
              .ToList();
}
