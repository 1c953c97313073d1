using System.Text;
using Kolosseum.Diagnostics;

namespace Kolosseum.Reporting.Output;

/// <summary>Why a report file could not be written.</summary>
public enum ReportWriteError
{
    None,
    /// <summary>Empty, malformed, or ending in a folder separator.</summary>
    InvalidPath,
    /// <summary>The path names an existing folder; a report never replaces a folder.</summary>
    IsDirectory,
    /// <summary>The folder to write into does not exist and creating it was not asked for.</summary>
    ParentMissing,
    /// <summary>Something in the way of a parent folder is a file.</summary>
    ParentNotDirectory,
    AccessDenied,
    /// <summary>Any other input/output failure (disk full, read-only file system).</summary>
    IoFailure,
    /// <summary>The path names a device, a FIFO or a socket: renaming over it would replace it with a file.</summary>
    NotRegularFile,
    /// <summary>The path names one of the command's own input files.</summary>
    SameAsInput,
}

/// <summary>The outcome of a write: success, or the error, the path and a sentence for the user.</summary>
public sealed record ReportWriteResult(ReportWriteError Error, string Path, string Message)
{
    public bool Ok => Error == ReportWriteError.None;

    public static ReportWriteResult Success(string path) => new(ReportWriteError.None, path, "written");

    /// <summary>A diagnostic for the flag or field that named the path, e.g. <c>--report</c>.</summary>
    public Diagnostic ToDiagnostic(string flag) =>
        new(DiagnosticCodes.FileError, Severity.Error, SourceLocation.ForFlag(flag), flag, Path, Message, Suggestion());

    private string? Suggestion() => Error switch
    {
        ReportWriteError.ParentMissing => "create the folder first, or ask for it to be created",
        ReportWriteError.IsDirectory => "name a file inside it, e.g. " + System.IO.Path.Combine(Path, "report.html"),
        ReportWriteError.SameAsInput or ReportWriteError.NotRegularFile => "name another file, e.g. report.html",
        _ => null,
    };
}

/// <summary>
/// Writes a report so that the target is either the old file or the whole new one, never a part:
/// the bytes go to a temporary file in the same folder, are flushed to disk, and the temporary file
/// is renamed over the target (rename within one file system is atomic). Refuses to replace a
/// folder, creates missing parent folders only when asked, and never throws for I/O problems.
/// </summary>
public static class ReportFile
{
    /// <summary>Prefix of temporary files, so that a leftover from a killed process is recognisable.</summary>
    public const string TempPrefix = ".kolosseum-";

    /// <summary>Suffix of temporary files: never .html, so a leftover is never taken for a report.</summary>
    public const string TempSuffix = ".tmp";

    public static ReportWriteResult WriteAtomically(string path, string content, bool createParents) =>
        WriteAtomically(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(content), createParents);

    public static ReportWriteResult WriteAtomically(string path, byte[] content, bool createParents) =>
        WriteAtomically(path, stream => stream.Write(content), createParents);

    /// <summary>
    /// The problem a write to this path would meet before writing anything (an empty or invalid path, a folder,
    /// a missing parent), or null. Commands check this before minutes of work, not after.
    /// </summary>
    public static ReportWriteResult? Check(string path, bool createParents, IReadOnlyList<string>? inputs = null)
    {
        var (full, error) = Resolve(path);
        if (error is not null) return error;
        if (Directory.Exists(full))
            return new(ReportWriteError.IsDirectory, path, "is a folder; a report is written to a file and never replaces a folder");
        if (NotRegular(path, full) is { } special) return special;
        if (inputs is not null && SameAsInput(path, full, inputs) is { } same) return same;
        string folder = System.IO.Path.GetDirectoryName(full)!;
        if (Directory.Exists(folder)) return null;
        if (File.Exists(folder) || AncestorIsFile(folder))
            return new(ReportWriteError.ParentNotDirectory, path, "cannot be created: a parent of it is a file, not a folder");
        return createParents ? null : new(ReportWriteError.ParentMissing, path, "is in a folder that does not exist (" + folder + ")");
    }

    /// <summary>The core, with the writing step given so tests can fail it halfway.</summary>
    internal static ReportWriteResult WriteAtomically(string path, Action<Stream> write, bool createParents)
    {
        var (full, error) = Resolve(path);
        if (error is not null) return error;
        if (Directory.Exists(full))
            return new(ReportWriteError.IsDirectory, path, "is a folder; a report is written to a file and never replaces a folder");
        if (NotRegular(path, full) is { } special) return special;

        string folder = System.IO.Path.GetDirectoryName(full)!;
        var parentProblem = EnsureFolder(path, folder, createParents);
        if (parentProblem is not null) return parentProblem;

        // A short name of its own, not derived from the target's: a valid report name of 255 bytes leaves
        // no room for a prefix and a suffix, and the file system refuses a longer one.
        string temp = TempFiles.NewPath(folder);
        TempFiles.Add(temp);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            // Checked again just before the rename: something may have taken the name meanwhile.
            if (NotRegular(path, full) is { } appeared)
            {
                TryDelete(temp);
                return appeared;
            }
            File.Move(temp, full, overwrite: true);
            return ReportWriteResult.Success(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            return Failure(path, ex);
        }
        catch
        {
            // A failing writer (a bug, a cancelled render) must not leave its half-written file behind.
            TryDelete(temp);
            throw;
        }
        finally
        {
            TempFiles.Remove(temp);
        }
    }

    /// <summary>A device, FIFO or socket at the path: a rename would replace it (as root, /dev/null) with a regular file.</summary>
    private static ReportWriteResult? NotRegular(string path, string full)
    {
        var kind = FileKinds.Of(full);
        return kind is FileKind.Missing or FileKind.Regular or FileKind.Unknown or FileKind.Directory
            ? null
            : new(ReportWriteError.NotRegularFile, path, $"is {FileKinds.Describe(kind)}; a report only creates or replaces a regular file");
    }

    private static ReportWriteResult? SameAsInput(string path, string full, IReadOnlyList<string> inputs)
    {
        if (!File.Exists(full)) return null;
        string target = FileKinds.RealPath(full);
        foreach (string input in inputs)
        {
            if (string.IsNullOrEmpty(input) || !File.Exists(input)) continue;
            if (string.Equals(FileKinds.RealPath(input), target, StringComparison.Ordinal))
                return new(ReportWriteError.SameAsInput, path, $"is the input file '{input}'; the report would overwrite it");
        }
        return null;
    }

    private static (string Full, ReportWriteResult? Error) Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return ("", new(ReportWriteError.InvalidPath, path ?? "", "is empty; name the file to write"));
        if (path.Contains('\0', StringComparison.Ordinal))
            return ("", new(ReportWriteError.InvalidPath, path.Replace("\0", "\\0", StringComparison.Ordinal), "contains a NUL character"));
        if (path.EndsWith(System.IO.Path.DirectorySeparatorChar) || path.EndsWith(System.IO.Path.AltDirectorySeparatorChar))
        {
            return Directory.Exists(path)
                ? ("", new(ReportWriteError.IsDirectory, path, "is a folder; a report is written to a file and never replaces a folder"))
                : ("", new(ReportWriteError.InvalidPath, path, "ends with a folder separator; name a file"));
        }
        try
        {
            return (System.IO.Path.GetFullPath(path), null);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException or System.Security.SecurityException)
        {
            return ("", new(ReportWriteError.InvalidPath, path, "is not a valid path: " + ex.Message));
        }
    }

    private static ReportWriteResult? EnsureFolder(string path, string folder, bool createParents)
    {
        if (Directory.Exists(folder)) return null;
        if (File.Exists(folder) || AncestorIsFile(folder))
            return new(ReportWriteError.ParentNotDirectory, path, "cannot be created: a parent of it is a file, not a folder");
        if (!createParents)
            return new(ReportWriteError.ParentMissing, path, "is in a folder that does not exist (" + folder + ")");
        try
        {
            Directory.CreateDirectory(folder);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Failure(path, ex);
        }
    }

    private static bool AncestorIsFile(string folder)
    {
        for (string? dir = System.IO.Path.GetDirectoryName(folder); !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir)) return false;
            if (File.Exists(dir)) return true;
        }
        return false;
    }

    private static ReportWriteResult Failure(string path, Exception ex) => ex switch
    {
        UnauthorizedAccessException => new(ReportWriteError.AccessDenied, path, "cannot be written: permission denied"),
        _ => new(ReportWriteError.IoFailure, path, "cannot be written: " + ex.Message),
    };

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary name is recognisable (TempPrefix) if it ever stays behind.
        }
    }
}
