using System.Threading.Channels;

namespace Dce.Multicloud.Propagation.Informers;

/// <summary>
/// Keys to reconcile, as controller-runtime's queue: a key waiting is not queued twice, a key being processed is not
/// handed to a second worker, and one added meanwhile is processed again after.
/// </summary>
public sealed class WorkQueue
{
    private readonly Channel<string> ready = Channel.CreateUnbounded<string>();
    private readonly HashSet<string> waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> processing = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public void Add(string key)
    {
        lock (gate)
        {
            if (!waiting.Add(key) || processing.Contains(key))
            {
                return;
            }
        }

        ready.Writer.TryWrite(key);
    }

    /// <summary>Adds <paramref name="key"/> after <paramref name="delay"/> (a retry or a check for later).</summary>
    public void AddAfter(string key, TimeSpan delay, CancellationToken cancellationToken) =>
        _ = Task.Delay(delay, cancellationToken).ContinueWith(_ => Add(key), cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    /// <summary>Runs <paramref name="reconcile"/> for each key with <paramref name="workers"/> loops until cancelled.</summary>
    public Task RunAsync(int workers, Func<string, CancellationToken, Task> reconcile, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(reconcile, cancellationToken)));

    private async Task WorkAsync(Func<string, CancellationToken, Task> reconcile, CancellationToken cancellationToken)
    {
        await foreach (var key in ready.Reader.ReadAllAsync(cancellationToken))
        {
            lock (gate)
            {
                waiting.Remove(key);
                processing.Add(key);
            }

            try
            {
                await reconcile(key, cancellationToken);
            }
            finally
            {
                bool again;
                lock (gate)
                {
                    processing.Remove(key);
                    again = waiting.Contains(key);
                }

                if (again)
                {
                    ready.Writer.TryWrite(key);
                }
            }
        }
    }
}
