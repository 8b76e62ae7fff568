namespace Dce.KubeSim.Machinery;

/// <summary>Wakes a waiting controller loop when anything changed; many signals before a wait collapse into one.</summary>
public sealed class ChangeSignal
{
    private readonly SemaphoreSlim semaphore = new(0, 1);

    public void Raise()
    {
        if (semaphore.CurrentCount == 0)
        {
            try
            {
                semaphore.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another thread raised it first; one wake-up is enough.
            }
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => semaphore.WaitAsync(timeout, cancellationToken);
}
