using System.Text;

namespace Kolosseum.Reporting.Html;

/// <summary>Tables, the comparison table with its winners, and key/value lists as escaped HTML.</summary>
internal static class TableHtml
{
    public static string Comparison(ComparisonTable table)
    {
        var options = table.Options.IsDefault ? [] : table.Options;
        var sb = new StringBuilder("<table class=\"comparison\">\n<thead><tr><th scope=\"col\">Criterion</th>");
        foreach (string option in options) sb.Append("<th scope=\"col\" class=\"num\">").Append(HtmlText.EscapeLine(option)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows.IsDefault ? [] : table.Rows)
        {
            var winners = row.Winners();
            var values = row.Values.IsDefault ? [] : row.Values;
            sb.Append("<tr><th scope=\"row\">").Append(HtmlText.EscapeLine(row.Criterion));
            if (row.Better != Better.None)
                sb.Append(" <span class=\"unit\">(").Append(row.Better == Better.Lower ? "lower is better" : "higher is better").Append(")</span>");
            sb.Append("</th>");
            for (int i = 0; i < options.Length; i++)
            {
                var value = i < values.Length ? values[i] : ReportValue.Empty;
                bool win = winners.Contains(i);
                sb.Append(win ? "<td class=\"num win\">" : "<td class=\"num\">").Append(HtmlText.EscapeLine(value.Text));
                if (win) sb.Append("<span class=\"badge\">best</span>");
                sb.Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>\n").ToString();
    }

    public static string Table(ReportTable table)
    {
        var columns = table.Columns.IsDefault ? [] : table.Columns;
        var rows = table.Rows.IsDefault ? [] : table.Rows;
        var right = columns.Select((column, c) => RightAligned(column, rows, c)).ToArray();
        var sb = new StringBuilder("<table>\n");
        if (!string.IsNullOrEmpty(table.Caption)) sb.Append("<caption>").Append(HtmlText.EscapeLine(table.Caption)).Append("</caption>\n");
        sb.Append("<thead><tr>");
        for (int c = 0; c < columns.Length; c++)
        {
            sb.Append("<th scope=\"col\"").Append(right[c] ? " class=\"num\">" : ">").Append(HtmlText.EscapeLine(columns[c].Header));
            if (!string.IsNullOrEmpty(columns[c].Unit)) sb.Append(" <span class=\"unit\">(").Append(HtmlText.EscapeLine(columns[c].Unit)).Append(")</span>");
            sb.Append("</th>");
        }
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            var cells = row.IsDefault ? [] : row;
            sb.Append("<tr>");
            for (int c = 0; c < columns.Length; c++)
            {
                var cell = c < cells.Length ? cells[c] : ReportValue.Empty;
                // A number in a text column (a percentage among notes) is still a figure: it keeps to one line too.
                sb.Append(right[c] ? "<td class=\"num\">" : cell.IsNumeric ? "<td class=\"fig\">" : "<td>").Append(HtmlText.EscapeLine(cell.Text)).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>\n").ToString();
    }

    public static string KeyValues(KeyValueBlock block)
    {
        var sb = new StringBuilder("<dl>\n");
        foreach (var item in block.Items.IsDefault ? [] : block.Items)
        {
            sb.Append("<dt>").Append(HtmlText.EscapeLine(item.Key)).Append("</dt><dd>").Append(HtmlText.EscapeLine(item.Value));
            if (!string.IsNullOrEmpty(item.Source)) sb.Append(" <span class=\"source\">(").Append(SourceLink.Html(item.Source)).Append(")</span>");
            sb.Append("</dd>\n");
        }
        return sb.Append("</dl>\n").ToString();
    }

    // Auto: a column reads right-aligned when every non-empty cell in it is a number.
    private static bool RightAligned(TableColumn column, IReadOnlyList<System.Collections.Immutable.ImmutableArray<ReportValue>> rows, int index) => column.Align switch
    {
        ColumnAlign.Right => true,
        ColumnAlign.Left => false,
        _ => rows.Any(r => !r.IsDefault && index < r.Length && r[index].IsNumeric)
             && rows.All(r => r.IsDefault || index >= r.Length || r[index].IsNumeric || r[index].Text.Length == 0),
    };
}
