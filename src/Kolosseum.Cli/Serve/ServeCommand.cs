using System.CommandLine;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Kolosseum.Cli.Commands;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Scenarios;
using Kolosseum.Units;

namespace Kolosseum.Cli.Serve;

/// <summary><c>kolosseum serve [SCENARIO] [--port N]</c>: the local what-if page (docs/serve.md).</summary>
internal static class ServeCommand
{
    public const int DefaultPort = 5080;

    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string?>("scenario") { Description = "Scenario YAML file (default: the embedded scenario); read again on every plan", Arity = ArgumentArity.ZeroOrOne };
        var port = new Option<string?>("--port") { Description = $"Port on 127.0.0.1 (default {DefaultPort}; 0 picks a free one)" };
        var address = new Option<string?>("--address") { Description = "Address to listen on: 127.0.0.1 (or localhost) only; the page has no login, so no other address is accepted" };
        var json = CommonOptions.Json();
        var command = new Command("serve", "Serve a local what-if page: move GPUs, batch, failures, restarts, prices, utilisation and the site limit, see the plan again")
        {
            scenario, port, address, json,
        };
        command.SetAction(parse => Run(context, parse.GetValue(scenario), parse.GetValue(port), parse.GetValue(address), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliContext context, string? path, string? portText, string? address, bool json)
    {
        var bag = new DiagnosticBag();
        int? port = new FlagValues(bag).Int("--port", portText, 0, 65535) ?? (portText is null ? DefaultPort : null);
        if (address is not null && address is not ("127.0.0.1" or "localhost"))
            bag.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag("--address"), "--address", address,
                "the page has no login, so it listens on 127.0.0.1 only", "reach it from another machine through an SSH tunnel: ssh -L 5080:127.0.0.1:5080 HOST");
        // The scenario is checked once at start, so a broken file fails here with its diagnostics, as `plan` would.
        if (path is not null && !bag.HasErrors && ScenarioLoader.Load(path, bag) is null) return context.Fail(bag);
        if (bag.HasErrors || port is null) return context.Fail(bag);
        context.Warn(bag);

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, s => { s.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => { s.Cancel = true; stop.Cancel(); });
        ServeHost host;
        try
        {
            host = ServeHost.StartAsync(path, port.Value, stop.Token).GetAwaiter().GetResult();
        }
        catch (IOException ex) when (ex.InnerException is SocketException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
        {
            bag.Error(DiagnosticCodes.OutOfRange, SourceLocation.ForFlag("--port"), "--port", port.Value.Inv(), "the port is in use on 127.0.0.1",
                "pick another with --port N, or --port 0 for a free one");
            return context.Fail(bag);
        }
        try
        {
            if (json) Json.Write(context, new { url = host.Url.AbsoluteUri, scenario = path ?? ScenarioLoader.DefaultName });
            context.Stderr.WriteLine($"kolosseum serve: {host.Url.AbsoluteUri} ({(path is null ? "the embedded default scenario" : TerminalText.Clean(path))}); Ctrl+C stops");
            context.Stdout.Flush();
            host.WaitAsync(stop.Token).GetAwaiter().GetResult();
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        context.Stderr.WriteLine("stopped");
        return ExitCodes.Success;
    }
}
