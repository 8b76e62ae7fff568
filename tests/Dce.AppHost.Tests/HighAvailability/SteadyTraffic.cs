using System.Net;

namespace Dce.AppHost.Tests.HighAvailability;

/// <summary>GETs one path through the entry in a loop until stopped, counting the answers that were not a success.</summary>
public sealed class SteadyTraffic : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _failures = [];
    private int _sent;

    public SteadyTraffic(HttpClient signedIn, string path) => _loop = Task.Run(() => LoopAsync(signedIn, path));

    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Waits until <paramref name="count"/> more requests were sent.</summary>
    public async Task SendMoreAsync(int count)
    {
        var target = Sent + count;
        await Dce.Testing.Eventually.Until(() => Sent >= target, $"{count} more requests", TimeSpan.FromMinutes(2));
    }

    /// <summary>Stops the loop and answers what failed.</summary>
    public async Task<IReadOnlyList<string>> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        lock (_failures)
        {
            return [.. _failures];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task LoopAsync(HttpClient signedIn, string path)
    {
        while (!_stop.IsCancellationRequested)
        {
            string? failure;
            try
            {
                using var answer = await signedIn.GetAsync(new Uri(path, UriKind.Relative));
                failure = answer.StatusCode == HttpStatusCode.OK ? null : $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException error)
            {
                failure = error.Message;
            }

            if (failure is not null)
            {
                lock (_failures)
                {
                    _failures.Add(failure);
                }
            }

            Interlocked.Increment(ref _sent);
            await Task.Delay(20);
        }
    }
}
