using Kolosseum.Performance;
using Kolosseum.Workload;

namespace Kolosseum.Export;

/// <summary>The training frameworks whose launch configuration <see cref="LaunchConfig"/> writes.</summary>
public enum Framework
{
    Megatron,
    Nemo,
    Torchtitan,
}

/// <summary>
/// What a launch configuration is written from: the model, the run as planned (batch, sequence, precision),
/// the layout and the node size (GPUs per node, for the launcher). <see cref="Source"/> says in words where
/// the layout came from (a plan's option, an estimate, a search), for the file's header.
/// </summary>
public sealed record ExportInput(ModelSpec Model, TrainingSpec Training, Layout Layout, int GpusPerNode, string Source);

/// <summary>A part of the layout or run that the framework cannot express as planned, and what the file does instead.</summary>
public sealed record ExportNote(string Feature, string Message);

/// <summary>One written file: its suggested name, its text, and the notes about what it could not express.</summary>
public sealed record ExportedFile(Framework Framework, string FileName, string Text, IReadOnlyList<ExportNote> Notes);

/// <summary>Writes a layout as Megatron-LM arguments, NeMo 2 recipe overrides or a TorchTitan TOML (docs/export.md).</summary>
public static class LaunchConfig
{
    public static ExportedFile Write(Framework framework, ExportInput input, string baseName) => framework switch
    {
        Framework.Megatron => MegatronExport.Write(input, baseName),
        Framework.Nemo => NemoExport.Write(input, baseName),
        Framework.Torchtitan => TorchtitanExport.Write(input, baseName),
        _ => throw new ArgumentOutOfRangeException(nameof(framework), framework, "unknown framework"),
    };

    /// <summary>A file-name stem from free text (an option's name): lower case, letters, digits and dashes.</summary>
    public static string Slug(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (char ch in text.ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.') sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        string s = sb.ToString().Trim('-', '.');
        return s.Length == 0 ? "layout" : s.Length > 64 ? s[..64].TrimEnd('-') : s;
    }
}
