using System.Runtime.InteropServices;
using Kolosseum.Cli;
using Kolosseum.Reporting.Output;

// A stopped process (Ctrl-C, kill, a closed terminal) removes the temporary file of a write in progress;
// the signal then ends the process as it would have.
PosixSignalRegistration[] cleanup = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
    .Select(signal => PosixSignalRegistration.Create(signal, _ => TempFiles.DeleteAll()))];
AppDomain.CurrentDomain.ProcessExit += (_, _) => TempFiles.DeleteAll();

int code = Cli.Run(args, Console.Out, Console.Error, interactive: !Console.IsOutputRedirected);
foreach (var registration in cleanup) registration.Dispose();
return code;
