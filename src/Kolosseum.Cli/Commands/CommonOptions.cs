using System.CommandLine;

namespace Kolosseum.Cli.Commands;

/// <summary>Options shared by every command, with the same names everywhere.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write one JSON document to stdout and nothing else" };

    public static Option<string?> Seed() => new("--seed") { Description = "Seed for the Monte-Carlo parts; the same seed gives the same result whatever the thread count" };

    public static Option<string?> Gpu() => new("--gpu") { Description = "GPU catalog id, e.g. H100-SXM-80GB (see 'kolosseum catalog gpus')" };

    public static Option<string?> Gpus() => new("--gpus") { Description = "Number of GPUs, e.g. 1024 or 100k" };

    public static Option<string?> Model() => new("--model") { Description = "Model catalog id, e.g. llama3.1-405b (see 'kolosseum catalog models')" };
}
