namespace Kolosseum.Cli.Serve;

/// <summary>
/// Only the newest page request runs: starting one cancels the one before it (the user moved the control
/// again, its answer is no longer wanted), and a request is also cancelled when its client goes away.
/// </summary>
internal sealed class LatestOnly
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _current;

    /// <summary>Cancels the running request, if any, and returns the token source of the new one; pass it to <see cref="End"/>.</summary>
    public CancellationTokenSource Begin(CancellationToken clientGone)
    {
        var next = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        lock (_lock)
        {
            // Cancelled under the lock: End disposes a source only after taking it out of _current under the same lock.
            _current?.Cancel();
            _current = next;
        }
        return next;
    }

    public void End(CancellationTokenSource source)
    {
        lock (_lock)
        {
            if (ReferenceEquals(_current, source)) _current = null;
            source.Dispose();
        }
    }
}
