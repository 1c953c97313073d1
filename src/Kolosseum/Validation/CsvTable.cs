using Kolosseum.Diagnostics;

namespace Kolosseum.Validation;

/// <summary>One cell of a CSV file with the place it was written.</summary>
public readonly record struct CsvCell(string Text, int Line, int Column);

/// <summary>
/// A small RFC 4180 reader (quoted fields, doubled quotes, commas and newlines inside quotes) that keeps
/// each cell's line and column for diagnostics.
/// </summary>
public sealed class CsvTable
{
    public const int MaxRows = 100_000;
    public const int MaxCellLength = 64 * 1024;

    private CsvTable(string file, IReadOnlyList<string> header, IReadOnlyList<int> headerColumns, IReadOnlyList<IReadOnlyList<CsvCell>> rows)
    {
        File = file;
        Header = header;
        HeaderColumns = headerColumns;
        Rows = rows;
    }

    public string File { get; }
    public IReadOnlyList<string> Header { get; }

    /// <summary>The column (character position on line 1) of each header name, for diagnostics.</summary>
    public IReadOnlyList<int> HeaderColumns { get; }
    public IReadOnlyList<IReadOnlyList<CsvCell>> Rows { get; }

    public static CsvTable? Parse(string text, string file, DiagnosticBag diagnostics)
    {
        var records = new List<List<CsvCell>>();
        var current = new List<CsvCell>();
        var cell = new System.Text.StringBuilder();
        int line = 1, column = 1, cellLine = 1, cellColumn = 1;
        bool quoted = false, atCellStart = true;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (quoted)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                        column++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    cell.Append(ch);
                    if (ch == '\n') { line++; column = 0; }
                }
            }
            else if (ch == '"' && atCellStart)
            {
                quoted = true;
                atCellStart = false;
            }
            else if (ch == ',')
            {
                current.Add(new CsvCell(cell.ToString(), cellLine, cellColumn));
                cell.Clear();
                atCellStart = true;
                cellLine = line;
                cellColumn = column + 1;
            }
            else if (ch == '\n' || ch == '\r')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                current.Add(new CsvCell(cell.ToString(), cellLine, cellColumn));
                cell.Clear();
                if (!(current.Count == 1 && current[0].Text.Length == 0)) records.Add(current);
                current = [];
                line++;
                column = 0;
                atCellStart = true;
                cellLine = line;
                cellColumn = 1;
            }
            else
            {
                cell.Append(ch);
                atCellStart = false;
            }
            if (cell.Length > MaxCellLength)
            {
                diagnostics.Error(DiagnosticCodes.LimitExceeded, new SourceLocation(file, cellLine, cellColumn), "", null, $"a cell longer than {MaxCellLength} characters");
                return null;
            }
            if (records.Count > MaxRows)
            {
                diagnostics.Error(DiagnosticCodes.LimitExceeded, new SourceLocation(file, line, 1), "", null, $"more than {MaxRows} rows");
                return null;
            }
            column++;
        }
        if (quoted)
        {
            diagnostics.Error(DiagnosticCodes.CsvFormat, new SourceLocation(file, cellLine, cellColumn), "", null, "a quoted field is not closed", "add the closing \"");
            return null;
        }
        if (cell.Length > 0 || current.Count > 0)
        {
            current.Add(new CsvCell(cell.ToString(), cellLine, cellColumn));
            records.Add(current);
        }
        if (records.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.CsvFormat, new SourceLocation(file, 1, 1), "", null, "the file is empty", "the first line must be the header");
            return null;
        }
        var header = records[0].Select(c => c.Text.Trim()).ToList();
        var rows = new List<IReadOnlyList<CsvCell>>();
        for (int r = 1; r < records.Count; r++)
        {
            var row = records[r];
            if (row.Count != header.Count)
            {
                diagnostics.Error(DiagnosticCodes.CsvFormat, new SourceLocation(file, row[0].Line, 1), "", null,
                    $"row has {row.Count} cells; the header has {header.Count}", "check for an unquoted comma");
                continue;
            }
            rows.Add(row);
        }
        return new CsvTable(file, header, [.. records[0].Select(c => c.Column)], rows);
    }
}
