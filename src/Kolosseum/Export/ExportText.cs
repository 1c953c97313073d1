using System.Text;
using Kolosseum.Units;
using Kolosseum.Yaml;

namespace Kolosseum.Export;

/// <summary>The parts every exported file shares: the comment header and the node count for the launcher.</summary>
internal static class ExportText
{
    /// <summary>
    /// Comment lines naming the framework and the release the names were checked against, the layout and run
    /// it encodes, and every note (what the framework cannot express and what the file does instead).
    /// </summary>
    public static void Header(StringBuilder sb, string comment, string title, ExportInput input, string source, IReadOnlyList<ExportNote> notes)
    {
        var (l, t) = (input.Layout, input.Training);
        sb.Append(comment).Append(title).Append(", written by kolosseum export\n");
        sb.Append(comment).Append("for: ").Append(OneLine(input.Source)).Append('\n');
        sb.Append(comment).Append("names as in ").Append(source).Append('\n');
        sb.Append(comment).Append("model ").Append(OneLine(input.Model.Id)).Append(", layout ").Append(l.ToString()).Append(" on ").Append(l.Gpus.Inv())
          .Append(" GPUs, batch ").Append(t.GlobalBatch.Inv()).Append(" × ").Append(t.SeqLen.Inv()).Append(", ").Append(EnumNames<Hardware.Precision>.Name(t.Precision)).Append('\n');
        foreach (var n in notes)
            sb.Append(comment).Append("not expressed as planned (").Append(n.Feature).Append("): ").Append(OneLine(n.Message)).Append('\n');
    }

    /// <summary>
    /// Nodes and processes per node for the launcher: whole nodes of the catalog's size when the layout's GPUs
    /// fill them, otherwise the largest per-node count that divides the GPUs (with a note).
    /// </summary>
    public static (long Nodes, int PerNode) Nodes(long gpus, int gpusPerNode, List<ExportNote> notes)
    {
        int perNode = (int)Gcd(gpus, Math.Max(1, gpusPerNode));
        if (perNode != gpusPerNode)
            notes.Add(new("nodes", $"{gpus.Inv()} GPUs do not fill whole {gpusPerNode.Inv()}-GPU nodes: the launch uses {perNode.Inv()} GPUs on each of {(gpus / perNode).Inv()} nodes"));
        return (gpus / perNode, perNode);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    /// <summary>The note for a split whose busiest stage holds more layers than the estimate assumed.</summary>
    public static ExportNote UnevenNote(int layers, PipelineSplit s) => new("pp",
        $"Megatron-Core's first/last-stage options cannot place {layers.Inv()} layers on {s.Stages.Inv()} stages with at most {s.ModelBusiest.Inv()} each " +
        $"(its middle stages must be equal): the file's busiest stage holds {s.Busiest.Inv()}, so its steps will be slower than estimated");

    /// <summary>User text (an option's name) inside a comment: one line, no control characters.</summary>
    public static string OneLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text) sb.Append(char.IsControl(c) ? ' ' : c);
        return sb.ToString();
    }
}
