using System.Text;

namespace Kolosseum.Diagnostics;

/// <summary>
/// Reads a user's input file (a scenario, a CSV of runs) with a size limit. The limit holds while
/// reading, not only by the size the file system reports: a pipe or a device such as /dev/zero reports
/// no size and never ends, and must not fill the memory. Only regular files are read: a FIFO or a device is
/// refused before it is opened. Problems become diagnostics, never exceptions.
/// </summary>
public static class InputFile
{
    public static string? Read(string path, long maxBytes, string field, DiagnosticBag diagnostics, string? notFoundHint = null)
    {
        var at = new SourceLocation(path, 0, 0);
        try
        {
            if (Directory.Exists(path))
            {
                diagnostics.Error(DiagnosticCodes.FileError, at, field, null, "is a directory, not a file", "name a file");
                return null;
            }
            if (!File.Exists(path))
            {
                diagnostics.Error(DiagnosticCodes.FileError, at, field, null, "file not found", notFoundHint);
                return null;
            }
            // A FIFO blocks on opening until someone writes to it, and a device may never end: only regular
            // files are read (the size limit below still holds for a regular file that grows while it is read).
            var kind = FileKinds.Of(path);
            if (kind is not (FileKind.Regular or FileKind.Unknown))
            {
                diagnostics.Error(DiagnosticCodes.FileError, at, field, null, $"is {FileKinds.Describe(kind)}, not a regular file; only regular files are read",
                    kind == FileKind.Fifo ? "a pipe may wait forever for its writer: save the content to a file and name that file" : "name a regular file");
                return null;
            }
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            var buffer = new MemoryStream();
            var chunk = new byte[64 * 1024];
            int n;
            while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, n);
                if (buffer.Length > maxBytes)
                {
                    diagnostics.Error(DiagnosticCodes.LimitExceeded, at, field, null,
                        $"file is larger than the limit of {maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes", "an input is a few kilobytes; is this the right file?");
                    return null;
                }
            }
            buffer.Position = 0;
            // As File.ReadAllText: UTF-8 unless a byte-order mark says otherwise.
            using var reader = new StreamReader(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            diagnostics.Error(DiagnosticCodes.FileError, at, field, null, "cannot read the file: " + ex.Message);
            return null;
        }
    }
}
