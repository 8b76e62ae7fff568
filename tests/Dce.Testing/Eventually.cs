using System.Diagnostics;

namespace Dce.Testing;

/// <summary>Polls until a condition holds, with a generous deadline so slow machines do not flake; tests assert outcomes, never durations.</summary>
public static class Eventually
{
    /// <summary>The default patience.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>Waits until <paramref name="condition"/> is true; throws naming <paramref name="what"/> after the timeout.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await HoldsAsync(condition, () => Task.FromResult(what), timeout);
    }

    /// <summary>The synchronous form of <see cref="Until(Func{Task{bool}}, string, TimeSpan?)"/>.</summary>
    public static Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Until(() => Task.FromResult(condition()), what, timeout);
    }

    /// <summary>Waits until <paramref name="condition"/> is true; fails with what <paramref name="describe"/> says after the timeout.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > (timeout ?? Patience))
            {
                throw new TimeoutException($"Condition not reached in time: {await describe()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The synchronous form of <see cref="HoldsAsync(Func{Task{bool}}, Func{Task{string}}, TimeSpan?)"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, Func<string> describe, TimeSpan? timeout = null) =>
        HoldsAsync(() => Task.FromResult(condition()), () => Task.FromResult(describe()), timeout);
}
