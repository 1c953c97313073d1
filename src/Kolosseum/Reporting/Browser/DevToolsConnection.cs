using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kolosseum.Reporting.Browser;

/// <summary>A failure talking to the browser: it is missing, did not start, answered with an error or timed out.</summary>
public sealed class BrowserException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The Chrome DevTools Protocol over one WebSocket: numbered commands answered by id, and events
/// handed to a callback. Only the handful of commands a report check needs are used; see
/// https://chromedevtools.github.io/devtools-protocol/.
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task _receiveLoop = Task.CompletedTask;
    private int _nextId;

    /// <summary>Called on the receive thread for every event: method, params, session id.</summary>
    public Action<string, JsonElement, string?>? OnEvent { get; set; }

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint, CancellationToken ct)
    {
        var connection = new DevToolsConnection();
        connection._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await connection._socket.ConnectAsync(endpoint, ct).ConfigureAwait(false);
        connection._receiveLoop = Task.Run(() => connection.ReceiveAsync(connection._stop.Token), CancellationToken.None);
        return connection;
    }

    /// <summary>Sends a command and waits for its result; a protocol error becomes a <see cref="BrowserException"/>.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, string? sessionId, CancellationToken ct)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null) message["sessionId"] = sessionId;
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        byte[] bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
        using var registration = ct.Register(() => reply.TrySetCanceled(ct));
        try
        {
            return await reply.Task.ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task ReceiveAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!ct.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                Dispatch(message.GetBuffer().AsSpan(0, (int)message.Length));
                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The browser went away or we are closing: fail whatever still waits for an answer.
        }
        foreach (var pending in _pending.Values)
            pending.TrySetException(new BrowserException("the browser closed the DevTools connection"));
    }

    private void Dispatch(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        var root = doc.RootElement;
        if (root.TryGetProperty("id", out var idElement) && idElement.TryGetInt32(out int id))
        {
            if (!_pending.TryGetValue(id, out var reply)) return;
            if (root.TryGetProperty("error", out var error))
                reply.TrySetException(new BrowserException("DevTools error: " + error.GetRawText()));
            else
                reply.TrySetResult(root.TryGetProperty("result", out var r) ? r.Clone() : default);
            return;
        }
        if (root.TryGetProperty("method", out var method))
        {
            string? session = root.TryGetProperty("sessionId", out var s) ? s.GetString() : null;
            var parameters = root.TryGetProperty("params", out var p) ? p.Clone() : default;
            OnEvent?.Invoke(method.GetString() ?? "", parameters, session);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closing is best effort: the process is killed next in any case.
        }
        try
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _socket.Dispose();
        _sendLock.Dispose();
        _stop.Dispose();
    }
}
