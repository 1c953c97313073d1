using System.Text;

namespace Kolosseum.Tests.TestSupport;

/// <summary>
/// Golden files, approved by copying. A test compares its output with NAME.approved.EXT next to the
/// test's source; on a difference it writes NAME.received.EXT beside it and fails, naming the first
/// differing line. Review the received file and copy it over the approved one (or run the tests
/// with KOLOSSEUM_APPROVE=1, which does the copy) to accept the change.
/// </summary>
internal static class Approvals
{
    public const string ApproveVariable = "KOLOSSEUM_APPROVE";

    /// <param name="relativePath">Path of the approved file relative to tests/Kolosseum.Tests, e.g. "Reporting/Sample.approved.html".</param>
    public static void Verify(string received, string relativePath)
    {
        if (!relativePath.Contains(".approved.", StringComparison.Ordinal))
            throw new ArgumentException("the approved file's name must contain '.approved.'", nameof(relativePath));
        string approvedPath = Path.Combine(ProjectFolder(), relativePath);
        string receivedPath = approvedPath.Replace(".approved.", ".received.", StringComparison.Ordinal);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        string? approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath, utf8).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (approved == received)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, received, utf8);
        if (Environment.GetEnvironmentVariable(ApproveVariable) == "1")
        {
            File.Copy(receivedPath, approvedPath, overwrite: true);
            File.Delete(receivedPath);
            return;
        }
        string why = approved is null ? "there is no approved file yet" : FirstDifference(approved, received);
        Assert.Fail($"{relativePath}: output differs from the approved file: {why}.\n" +
                    $"Review {receivedPath} and, if it is right, copy it to {approvedPath} (or rerun with {ApproveVariable}=1).");
    }

    /// <summary>tests/Kolosseum.Tests, found upwards from the test assembly (build output lives below it).</summary>
    public static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kolosseum.Tests.csproj"))) return dir.FullName;
        throw new InvalidOperationException("Kolosseum.Tests.csproj not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The repository root (holds Kolosseum.slnx).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(ProjectFolder()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Kolosseum.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Kolosseum.slnx not found above " + ProjectFolder());
    }

    private static string FirstDifference(string approved, string received)
    {
        string[] a = approved.Split('\n'), r = received.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, r.Length); i++)
        {
            string left = i < a.Length ? a[i] : "<end of file>", right = i < r.Length ? r[i] : "<end of file>";
            if (left != right) return $"line {i + 1}: approved '{Clip(left)}', received '{Clip(right)}'";
        }
        return "line endings or trailing characters differ";
    }

    private static string Clip(string line) => line.Length <= 160 ? line : line[..157] + "...";
}
