namespace Dce.KubeSim.Tests.Infrastructure;

/// <summary>Polls until a condition holds, with a generous timeout so slow machines do not flake.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        await Until(() => Task.FromResult(condition()), what, timeout);
    }

    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await condition())
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
            await Task.Delay(100);
        }
    }
}
