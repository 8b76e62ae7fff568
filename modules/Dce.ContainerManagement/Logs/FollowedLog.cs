using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dce.ContainerManagement.Logs;

/// <summary>
/// Streams a followed log to the caller for at most <see cref="ContainerManagementOptions.MaxLogFollowDuration"/>, keeping
/// its slot's lease while it streams and giving the slot back when it ends, however it ends.
/// </summary>
public sealed class FollowedLog(LogFollowSlots slots, IOptions<ContainerManagementOptions> options, TimeProvider time)
{
    public async Task StreamAsync(Stream log, Stream response, string subject, string slot, CancellationToken requestAborted)
    {
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        ending.CancelAfter(options.Value.MaxLogFollowDuration);
        var renewing = RenewAsync(subject, slot, ending);
        try
        {
            await log.CopyToAsync(response, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The caller left or the follow reached its longest duration: either way the stream simply ends.
        }
        finally
        {
            await ending.CancelAsync();
            await renewing;
            await log.DisposeAsync();
            await ReleaseAsync(subject, slot);
        }
    }

    private async Task ReleaseAsync(string subject, string slot)
    {
        try
        {
            await slots.ReleaseAsync(subject, slot);
        }
        catch (RedisException)
        {
            // The lease ends on its own.
        }
    }

    // A follow whose slot can no longer be held (its lease ended, Redis is gone) is not counted any more: it stops.
    private async Task RenewAsync(string subject, string slot, CancellationTokenSource ending)
    {
        try
        {
            using var timer = new PeriodicTimer(slots.Lease / 3, time);
            while (await timer.WaitForNextTickAsync(ending.Token))
            {
                if (!await slots.RenewAsync(subject, slot))
                {
                    await ending.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The follow ended.
        }
        catch (RedisException)
        {
            await ending.CancelAsync();
        }
    }
}
