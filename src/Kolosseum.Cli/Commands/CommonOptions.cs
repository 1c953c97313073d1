using System.CommandLine;

namespace Kolosseum.Cli.Commands;

/// <summary>Options shared by every command, with the same names everywhere.</summary>
internal static class CommonOptions
{
    public static Option<bool> Json() => new("--json") { Description = "Write one JSON document to stdout and nothing else" };

    public static Option<string?> Seed() => new("--seed") { Description = "Seed for the Monte-Carlo parts; the same seed gives the same result whatever the thread count" };

    public static Option<string?> Gpu() => WithIds(new("--gpu") { Description = "GPU catalog id, e.g. H100-SXM-80GB (see 'kolosseum catalog gpus')" },
        () => Catalog.Catalog.Embedded.All<Hardware.GpuSpec>().Select(g => g.Id));

    public static Option<string?> Gpus() => new("--gpus") { Description = "Number of GPUs, e.g. 1024 or 100k" };

    public static Option<string?> Model() => WithIds(new("--model") { Description = "Model catalog id, e.g. llama3.1-405b (see 'kolosseum catalog models')" },
        () => Catalog.Catalog.Embedded.All<Workload.ModelSpec>().Select(m => m.Id));

    /// <summary>
    /// Shell completion offers the embedded catalog's ids (read only when a completion is asked for); help names the
    /// value "id" rather than listing every id, which made each help line wider than any terminal.
    /// </summary>
    private static Option<string?> WithIds(Option<string?> option, Func<IEnumerable<string>> ids)
    {
        option.HelpName = "id";
        option.CompletionSources.Add(_ => ids());
        return option;
    }
}
