using System.Net;
using Microsoft.AspNetCore.Http;

namespace Kolosseum.Cli.Serve;

/// <summary>
/// The server answers this machine only: it listens on 127.0.0.1, and each request must also come from a
/// loopback address and name the server by its loopback host (a web page elsewhere that points a name of its
/// own at 127.0.0.1, DNS rebinding, is refused), and a POST must come from the page itself (same origin, JSON).
/// Every answer carries headers that keep it out of frames, caches and other origins.
/// </summary>
internal static class LoopbackGuard
{
    public static async Task Handle(HttpContext context, Func<Task> next, int port)
    {
        var request = context.Request;
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        // The page must not be kept (its nonce is single use). POST answers are never cached anyway, and Chromium
        // reports a no-store response read through a stream reader as aborted at its end (Playwright issue 42742).
        if (HttpMethods.IsGet(request.Method)) headers["Cache-Control"] = "no-store";

        if (context.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
        {
            await Refuse(context, StatusCodes.Status403Forbidden, "only this machine may use this server");
            return;
        }
        if (!IsLoopbackHost(request.Host, port))
        {
            await Refuse(context, StatusCodes.Status421MisdirectedRequest, "this server answers to 127.0.0.1 and localhost only");
            return;
        }
        if (HttpMethods.IsPost(request.Method))
        {
            string origin = request.Headers.Origin.ToString();
            if (origin.Length > 0 && !string.Equals(origin, "http://" + request.Host.Value, StringComparison.OrdinalIgnoreCase))
            {
                await Refuse(context, StatusCodes.Status403Forbidden, "requests from other sites are refused");
                return;
            }
            if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                await Refuse(context, StatusCodes.Status415UnsupportedMediaType, "send the request as application/json");
                return;
            }
        }
        await next();
    }

    public static bool IsLoopbackHost(HostString host, int port) =>
        host.HasValue && host.Port == port && host.Host is ("127.0.0.1" or "localhost");

    private static Task Refuse(HttpContext context, int status, string why)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(why + "\n");
    }
}
