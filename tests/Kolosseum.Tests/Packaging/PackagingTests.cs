using System.Diagnostics;
using System.Text.Json;
using Kolosseum.Tests.TestSupport;

namespace Kolosseum.Tests.Packaging;

/// <summary>
/// The two ways the README says to install kolosseum, done as a user would: the dotnet tool package, packed and
/// installed into a tool path, and the self-contained single-file binary. Each then runs --version and a plan
/// from the embedded default scenario (which needs the embedded catalog), and the single file also serves the
/// what-if page (its script and style are embedded resources too). Opt-in (Category=Long): packing and
/// publishing take minutes on two cores.
/// </summary>
[Trait("Category", "Long")]
public sealed class PackagingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kolosseum-packaging-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Project => Path.Combine(Approvals.RepositoryRoot(), "src", "Kolosseum.Cli");

    [Fact]
    public async Task The_dotnet_tool_package_installs_and_plans()
    {
        string nupkg = Path.Combine(_folder, "nupkg"), tools = Path.Combine(_folder, "tools");
        await RunAsync("dotnet", ["pack", Project, "-c", "Release", "-o", nupkg]);
        Assert.Single(Directory.GetFiles(nupkg, "Kolosseum.*.nupkg"));
        // A private package folder: a kolosseum of the same version cached by an earlier run must not stand in.
        await RunAsync("dotnet", ["tool", "install", "--tool-path", tools, "--add-source", nupkg, "--ignore-failed-sources", "kolosseum"],
            ("NUGET_PACKAGES", Path.Combine(_folder, "packages")));

        string kolosseum = Path.Combine(tools, "kolosseum");
        await Plans(kolosseum);
    }

    [Fact]
    public async Task The_single_file_binary_runs_alone_and_serves_the_page()
    {
        string output = Path.Combine(_folder, "single");
        await RunAsync("dotnet", ["publish", Project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:PublishSingleFile=true", "-o", output]);
        var files = Directory.GetFiles(output).Select(Path.GetFileName).Where(f => !f!.EndsWith(".pdb", StringComparison.Ordinal)).ToList();
        Assert.Equal(["kolosseum"], files);

        // Copied alone to a folder of its own and run with no .NET on PATH: nothing beside it is needed.
        string alone = Path.Combine(_folder, "alone");
        Directory.CreateDirectory(alone);
        string kolosseum = Path.Combine(alone, "kolosseum");
        File.Copy(Path.Combine(output, "kolosseum"), kolosseum);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(kolosseum, File.GetUnixFileMode(Path.Combine(output, "kolosseum")));
        await Plans(kolosseum, ("PATH", "/usr/bin:/bin"), ("DOTNET_ROOT", ""));

        var start = Start(kolosseum, ["serve", "--port", "0", "--json"], ("PATH", "/usr/bin:/bin"));
        using var process = Process.Start(start)!;
        try
        {
            var json = new System.Text.StringBuilder();
            string? line;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
            {
                json.AppendLine(line);
                if (line == "}") break;
            }
            using var started = JsonDocument.Parse(json.ToString());
            using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            string page = await client.GetStringAsync(started.RootElement.GetProperty("url").GetString());
            Assert.Contains("<script nonce=", page, StringComparison.Ordinal);
            Assert.Contains("/api/view", page, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>--version answers, and the default plan (embedded scenario and catalog) comes back as one JSON document.</summary>
    private static async Task Plans(string kolosseum, params (string, string)[] environment)
    {
        string version = await RunAsync(kolosseum, ["--version"], environment);
        Assert.Matches(@"^\d+\.\d+\.\d+", version.Trim());
        string plan = await RunAsync(kolosseum, ["plan", "--json"], environment);
        using var doc = JsonDocument.Parse(plan);
        Assert.Equal(2, doc.RootElement.GetProperty("options").GetArrayLength());
        Assert.Equal("<default>", doc.RootElement.GetProperty("scenario").GetProperty("file").GetString());
    }

    private static ProcessStartInfo Start(string file, string[] args, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) start.ArgumentList.Add(a);
        foreach (var (name, value) in environment)
        {
            if (value.Length == 0) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return start;
    }

    private static async Task<string> RunAsync(string file, string[] args, params (string, string)[] environment)
    {
        using var process = Process.Start(Start(file, args, environment))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}
