using System.Diagnostics;

namespace Dce.ServiceDefaults.Tests.EventBus.Harness;

/// <summary>Polls a condition with a generous deadline; tests assert counts, never durations.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > (timeout ?? Patience))
            {
                Assert.Fail($"Condition not reached in time: {await describe()}");
            }

            await Task.Delay(100);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), () => Task.FromResult(describe()), timeout);
}
