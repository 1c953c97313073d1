using System.CommandLine;
using Kolosseum.Cli.Infrastructure;

namespace Kolosseum.Cli.Commands;

/// <summary>Every command of the CLI, in the order --help lists them.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All(CliContext context) =>
    [
        PlanCommand.Create(context),
        EstimateCommand.Create(context),
        SearchCommand.Create(context),
        ValidateCommand.Create(context),
        CalibrateCommand.Create(context),
        CatalogCommand.Create(context),
        FabricCommand.Create(context),
        BuildoutCommand.Create(context),
        ReliabilityCommand.Create(context),
        PowerCommand.Create(context),
        CostCommand.Create(context),
        ExportCommand.Create(context),
        SweepCommand.Create(context),
        Serve.ServeCommand.Create(context),
        CompletionCommand.Create(context),
    ];
}
