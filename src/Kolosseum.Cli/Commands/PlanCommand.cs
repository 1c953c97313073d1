using System.CommandLine;
using Kolosseum.Cli.Infrastructure;

namespace Kolosseum.Cli.Commands;

/// <summary><c>kolosseum plan [SCENARIO]</c>: the whole answer for every cluster option of a scenario.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario YAML file (default: the embedded scenario, 24k rented vs 100k owned H100)", Arity = ArgumentArity.ZeroOrOne };
        var json = CommonOptions.Json();
        var command = new Command("plan", "Plan a training run on one or more cluster options: speed, days, power, reliability, cost, build-out") { scenario, json };
        command.SetAction(parse => ExitCodes.Success);
        return command;
    }
}
