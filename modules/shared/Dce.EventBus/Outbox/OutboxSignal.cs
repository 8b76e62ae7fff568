namespace Dce.EventBus.Outbox;

/// <summary>Wakes the relay when this process saved outbox rows, so it need not wait for its next poll.</summary>
internal sealed class OutboxSignal
{
    private readonly SemaphoreSlim _saved = new(0, 1);

    public void Notify()
    {
        try
        {
            _saved.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers every row saved since.
        }
    }

    public Task WaitAsync(TimeSpan pollInterval, CancellationToken cancellationToken) =>
        _saved.WaitAsync(pollInterval, cancellationToken);
}
