using System.Runtime.InteropServices;

namespace Kolosseum.Diagnostics;

/// <summary>What a path names, as far as reading and writing it is concerned.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    /// <summary>A named pipe: opening it waits, without end, for a writer.</summary>
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    /// <summary>Exists, but its type could not be told (the check is unavailable on this platform).</summary>
    Unknown,
}

/// <summary>
/// The type of the file a path names (following links), told without opening it: opening a FIFO blocks until
/// some other process writes to it, so a check after opening would come too late. .NET has no public API for
/// the type on Unix, so this asks the runtime's own native layer (System.Native's stat, the call behind
/// FileInfo and File.Exists), whose result structure is the runtime's, the same on every Unix.
/// </summary>
public static class FileKinds
{
    public static FileKind Of(string path)
    {
        if (Directory.Exists(path)) return FileKind.Directory;
        if (!File.Exists(path)) return FileKind.Missing;
        if (OperatingSystem.IsWindows()) return FileKind.Regular;
        try
        {
            var status = new byte[StatusBytes];
            if (NativeStat(Utf8(path), status) != 0) return FileKind.Unknown;
            // FileStatus starts with two 32-bit fields, Flags then Mode; the type bits are POSIX's S_IFMT.
            int mode = BitConverter.ToInt32(status, 4);
            return (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x1000 => FileKind.Fifo,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0xC000 => FileKind.Socket,
                _ => FileKind.Unknown,
            };
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileKind.Unknown;
        }
    }

    /// <summary>"a FIFO (named pipe)", "a character device", ... for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        _ => "not a regular file",
    };

    /// <summary>Larger than the runtime's FileStatus (about 130 bytes), so that a newer layout with more fields still fits.</summary>
    private const int StatusBytes = 512;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeStat(byte[] utf8Path, [Out] byte[] status);

    /// <summary>The path as the NUL-terminated UTF-8 bytes the native call takes.</summary>
    private static byte[] Utf8(string path)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    /// <summary>
    /// The path with every link along it resolved, for telling whether two paths name the same file
    /// (a report written over its own scenario through a link or "./"). Hard links are not seen.
    /// </summary>
    public static string RealPath(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "";
        string current = root;
        int hops = 0;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            while (info.LinkTarget is { } target && hops++ < 40)
            {
                current = Path.GetFullPath(target, Path.GetDirectoryName(current) ?? root);
                info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            }
        }
        return current;
    }
}
