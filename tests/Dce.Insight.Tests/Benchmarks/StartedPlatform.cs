namespace Dce.Insight.Tests.Benchmarks;

/// <summary>
/// A benchmark's platform, started by the benchmark itself: a class fixture is started even for a skipped benchmark, and
/// the suite would pay for platforms nobody measures.
/// </summary>
public sealed class StartedPlatform<T> : IAsyncDisposable where T : IAsyncLifetime
{
    private StartedPlatform(T platform) => Platform = platform;

    public T Platform { get; }

    public static async Task<StartedPlatform<T>> StartAsync(T platform)
    {
        await platform.InitializeAsync();
        return new StartedPlatform<T>(platform);
    }

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
}
