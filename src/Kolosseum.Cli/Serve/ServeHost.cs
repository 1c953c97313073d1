using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Kolosseum.Cli.Infrastructure;
using Kolosseum.Diagnostics;
using Kolosseum.Planning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kolosseum.Cli.Serve;

/// <summary>
/// The what-if server: Kestrel on 127.0.0.1 only, one page and a JSON API behind it (docs/serve.md).
/// <list type="bullet">
/// <item><c>GET /</c>: the page (inline script and style allowed by a per-response nonce, nothing else).</item>
/// <item><c>POST /api/plan</c>: the document of <c>kolosseum plan --json</c> for a scenario and overrides; 400 with diagnostics JSON on bad input.</item>
/// <item><c>POST /api/view</c>: what the page shows, as lines of JSON: progress, then the result. A newer view request cancels the older one.</item>
/// </list>
/// Built without configuration sources, so no environment variable or settings file can add an address.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    /// <summary>The largest request body: a scenario at the YAML size limit, escaped in JSON, with room for the overrides.</summary>
    public static readonly long MaxBodyBytes = 3 * Yaml.YamlLimits.Default.MaxBytes;

    private static readonly JsonSerializerOptions Lines = new(Json.Options) { WriteIndented = false };

    private readonly WebApplication _app;

    private ServeHost(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The page's address, e.g. http://127.0.0.1:5080/.</summary>
    public Uri Url { get; }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> (0: a free port) and returns once it accepts connections.</summary>
    public static async Task<ServeHost> StartAsync(string? scenarioPath, int port, CancellationToken ct = default)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        if (Environment.GetEnvironmentVariable("KOLOSSEUM_DEBUG") == "1") builder.Services.AddLogging(l => l.AddConsole().SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Debug));
        var app = builder.Build();
        var service = new PageService(new ServedScenario(scenarioPath));
        var latest = new LatestOnly();
        int boundPort = port;
        app.Use((context, next) => LoopbackGuard.Handle(context, () => next(context), boundPort));
        app.UseRouting();
        app.MapGet("/", context => Page(context, service));
        app.MapPost("/api/plan", context => PlanAsync(context, service));
        app.MapPost("/api/view", context => ViewAsync(context, service, latest));
        await app.StartAsync(ct).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
        var url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
        boundPort = url.Port;
        return new ServeHost(app, url);
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled (Ctrl+C), then stops.</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Asked to stop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Task Page(HttpContext context, PageService service)
    {
        var bag = new DiagnosticBag();
        string text = service.Served.Text(bag) ?? "";
        string nonce = ServePage.NewNonce();
        context.Response.Headers.ContentSecurityPolicy = ServePage.ContentSecurityPolicy(nonce);
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(ServePage.Html(nonce, service.Served.File, text));
    }

    private static async Task PlanAsync(HttpContext context, PageService service)
    {
        var (request, scenario) = await ReadAsync(context, service).ConfigureAwait(false);
        if (request is null || scenario is null) return;
        PagePlan planned;
        try
        {
            planned = await Task.Run(() => PageService.Plan(scenario, request, null, context.RequestAborted), context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // The client went away; nobody reads an answer.
        }
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Json.Serialize(PageService.PlanDocument(planned)) + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ViewAsync(HttpContext context, PageService service, LatestOnly latest)
    {
        var (request, scenario) = await ReadAsync(context, service).ConfigureAwait(false);
        if (request is null || scenario is null) return;
        var cancel = latest.Begin(context.RequestAborted);
        try
        {
            context.Response.ContentType = "application/x-ndjson; charset=utf-8";
            var lines = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
            var progress = new ThrottledProgress(lines.Writer);
            var work = Task.Run(() =>
            {
                try
                {
                    var planned = PageService.Plan(scenario, request, progress, cancel.Token);
                    lines.Writer.TryWrite(new { result = PageService.View(planned) });
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    lines.Writer.TryWrite(new { cancelled = "a newer request replaced this one" });
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug: say so on the page, as the command line does, without a stack trace.
                    lines.Writer.TryWrite(new { error = "internal error: " + ex.GetType().Name + ": " + ex.Message + " (this is a bug in Kolosseum; please report it with the scenario)" });
                }
                finally
                {
                    lines.Writer.TryComplete();
                }
            }, CancellationToken.None);
            try
            {
                await foreach (var line in lines.Reader.ReadAllAsync(context.RequestAborted).ConfigureAwait(false))
                {
                    await context.Response.WriteAsync(JsonSerializer.Serialize(line, Lines) + "\n", context.RequestAborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The page went away or aborted the request; the plan stops through the linked token.
            }
            await work.ConfigureAwait(false);
        }
        finally
        {
            latest.End(cancel);
        }
    }

    /// <summary>Reads and loads the request; on a problem answers 400 with the diagnostics and returns nulls.</summary>
    private static async Task<(PlanRequest?, Scenarios.Scenario?)> ReadAsync(HttpContext context, PageService service)
    {
        var bag = new DiagnosticBag();
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            bag.Error(DiagnosticCodes.LimitExceeded, SourceLocation.ForFlag("request"), "", null,
                $"the request is larger than {MaxBodyBytes / (1024 * 1024)} MiB", "a scenario is a few kilobytes of YAML");
            await BadRequest(context, bag).ConfigureAwait(false);
            return (null, null);
        }
        var request = PlanRequest.Parse(body, bag);
        var scenario = request is null ? null : service.Load(request, bag);
        if (request is null || scenario is null)
        {
            await BadRequest(context, bag).ConfigureAwait(false);
            return (null, null);
        }
        return (request, scenario);
    }

    private static Task BadRequest(HttpContext context, DiagnosticBag bag)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(Json.Serialize(DiagnosticJson.Of(bag)) + "\n", Encoding.UTF8);
    }

    /// <summary>Progress lines for the page: a new stage at once, fractions at most every 100 ms.</summary>
    private sealed class ThrottledProgress(ChannelWriter<object> writer) : IProgress<PlanProgress>
    {
        private readonly Lock _lock = new();
        private PlanProgress _last;
        private long _lastTicks;

        public void Report(PlanProgress value)
        {
            long now = Environment.TickCount64;
            lock (_lock)
            {
                bool newStage = value.Option != _last.Option || value.Stage != _last.Stage;
                if (!newStage && now - _lastTicks < 100) return;
                _last = value;
                _lastTicks = now;
            }
            writer.TryWrite(new { progress = new { option = value.Option, stage = value.Stage, fraction = Math.Clamp(value.Fraction, 0, 1) } });
        }
    }
}
