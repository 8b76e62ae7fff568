using System.Text.Json;
using Dce.Console.Sessions;

namespace Dce.Console.Gateway;

/// <summary>
/// Keeps a list page current: asks the platform for <see cref="Path"/> every second with the last <c>ETag</c>, so an
/// unchanged list costs a 304, and hands each changed answer (or refusal) to the page. Polling ends when the page is
/// disposed (its circuit gone) or the session ends.
/// </summary>
public sealed class LiveList : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly PlatformApi _api;
    private readonly Func<JsonElement, Task> _changed;
    private readonly Func<ApiProblem?, Task> _problem;
    private readonly CancellationTokenSource _stop = new();
    private string? _etag;
    private Task _polling = Task.CompletedTask;

    public LiveList(PlatformApi api, Func<JsonElement, Task> changed, Func<ApiProblem?, Task> problem)
    {
        _api = api;
        _changed = changed;
        _problem = problem;
    }

    /// <summary>The list being polled; null until <see cref="Follow"/>.</summary>
    public string? Path { get; private set; }

    /// <summary>Session ended while polling: the page should send the user to sign in.</summary>
    public event Action? SessionEnded;

    /// <summary>Polls <paramref name="path"/> from now on (a new path starts afresh at once).</summary>
    public void Follow(string path)
    {
        if (path == Path)
        {
            return;
        }

        Path = path;
        _etag = null;
        if (_polling.IsCompleted)
        {
            _polling = PollAsync();
        }
    }

    /// <summary>Asks again now, whether or not the list changed (after the page changed something).</summary>
    public void Refresh() => _etag = null;

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var path = Path!;
            try
            {
                var answer = await _api.GetIfChangedAsync(path, _etag, _stop.Token);
                if (path != Path)
                {
                    continue;
                }

                if (answer is { } changed)
                {
                    _etag = changed.ETag;
                    await _changed(changed.Body);
                    await _problem(null);
                }
            }
            catch (ApiException refused)
            {
                _etag = null;
                await _problem(refused.Problem);
            }
            catch (SessionEndedException)
            {
                SessionEnded?.Invoke();
                return;
            }
            catch (HttpRequestException)
            {
                // The gateway is restarting or unreachable for a moment: the next tick asks again.
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _polling;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
