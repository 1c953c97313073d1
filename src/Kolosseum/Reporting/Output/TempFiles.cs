namespace Kolosseum.Reporting.Output;

/// <summary>
/// Temporary files being written right now, so that a process stopped by a signal (Ctrl-C, kill) can remove
/// them on its way out instead of leaving <c>.kolosseum-*.tmp</c> behind. A SIGKILL cannot be caught: the
/// leftover then carries the prefix and suffix of <see cref="ReportFile"/>, never a report's name.
/// </summary>
public static class TempFiles
{
    private static readonly HashSet<string> Open = new(StringComparer.Ordinal);

    public static void Add(string path)
    {
        lock (Open) Open.Add(path);
    }

    public static void Remove(string path)
    {
        lock (Open) Open.Remove(path);
    }

    /// <summary>Removes every temporary file still open; called from signal handlers and at exit.</summary>
    /// <summary>A new temporary name in the folder: short, whatever the length of the target's name.</summary>
    public static string NewPath(string folder) =>
        Path.Combine(folder, ReportFile.TempPrefix + Guid.NewGuid().ToString("N")[..16] + ReportFile.TempSuffix);

    public static void DeleteAll()
    {
        string[] paths;
        lock (Open) paths = [.. Open];
        foreach (string p in paths)
        {
            try
            {
                File.Delete(p);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort on the way out; the name is recognisable if it stays.
            }
        }
    }
}
