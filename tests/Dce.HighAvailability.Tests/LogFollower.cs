using System.Globalization;

namespace Dce.HighAvailability.Tests;

/// <summary>
/// Follows a running pod's log through the entry as a client that must not miss a line: with timestamps, and after a lost
/// stream again from its last line's time (<c>startTime</c>), dropping what it already has. The simulated
/// container writes a line every two seconds, so a missed line shows as a wider step between two timestamps.
/// </summary>
public sealed class LogFollower : IAsyncDisposable
{
    private static readonly TimeSpan LineSpacing = TimeSpan.FromSeconds(2);

    private readonly HttpClient _http;
    private readonly Session _session;
    private readonly string _path;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _gaps = [];
    private readonly List<string> _failures = [];
    private Task _loop = Task.CompletedTask;
    private DateTimeOffset? _last;
    private int _lines;
    private int _reconnects;

    private LogFollower(Session session, string path)
    {
        _session = session;
        _http = new HttpClient { BaseAddress = session.Entry, Timeout = Timeout.InfiniteTimeSpan };
        _path = path;
    }

    /// <summary>Whether a 503 with <c>Retry-After</c> is retried rather than counted a failure (middleware outages).</summary>
    public bool Tolerate503 { get; set; }

    public int Lines => Volatile.Read(ref _lines);

    /// <summary>Streams that ended and were opened again.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Lines known to be missing: two consecutive lines further apart than the container writes them.</summary>
    public IReadOnlyList<string> Gaps
    {
        get
        {
            lock (_gaps)
            {
                return [.. _gaps];
            }
        }
    }

    /// <summary>Attempts to open the stream that were not answered 200.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    public static async Task<LogFollower> StartAsync(Session session, string cluster)
    {
        ArgumentNullException.ThrowIfNull(session);
        var list = await session.GetJsonAsync($"/apis/kpanda.io/v1alpha1/clusters/{cluster}/namespaces/kube-system/pods?fuzzyName=coredns");
        var pod = list.GetProperty("items")[0].GetProperty("metadata").GetProperty("name").GetString()!;
        var follower = new LogFollower(session, $"/apis/kpanda.io/v1alpha1/clusters/{cluster}/namespaces/kube-system/pods/{pod}/log?container=coredns&follow=true&timestamps=true");
        follower._loop = Task.Run(follower.FollowAsync);
        await follower.ReceiveMoreAsync(1);
        return follower;
    }

    /// <summary>Waits until <paramref name="count"/> more lines arrived.</summary>
    public async Task ReceiveMoreAsync(int count)
    {
        var target = Lines + count;
        await Dce.Testing.Eventually.Until(() => Lines >= target, $"{count} more log lines", TimeSpan.FromMinutes(2));
    }

    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task FollowAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await FollowOnceAsync();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception lost) when (lost is HttpRequestException or IOException)
            {
                // The stream broke: the replica serving it went away. Open it again.
            }

            if (!_stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _reconnects);
            }
        }
    }

    private async Task FollowOnceAsync()
    {
        var from = _last is { } last
            ? "&startTime=" + Uri.EscapeDataString(last.ToString("O", CultureInfo.InvariantCulture))
            : "&tailLines=1";
        using var request = _session.Authorize(new HttpRequestMessage(HttpMethod.Get, _path + from));
        using var answer = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, _stop.Token);
        if (!answer.IsSuccessStatusCode)
        {
            if (Tolerate503 && answer.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter is not null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), _stop.Token);
                return;
            }

            var failure = $"{DateTimeOffset.UtcNow:O} follow: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(_stop.Token)}";
            lock (_failures)
            {
                _failures.Add(failure);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), _stop.Token);
            return;
        }

        using var reader = new StreamReader(await answer.Content.ReadAsStreamAsync(_stop.Token));
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            Take(line);
        }
    }

    private void Take(string line)
    {
        var at = Timestamp(line);
        if (_last is { } last)
        {
            if (at <= last)
            {
                return;
            }

            if (at - last != LineSpacing)
            {
                lock (_gaps)
                {
                    _gaps.Add($"{last:O} -> {at:O}");
                }
            }
        }

        _last = at;
        Interlocked.Increment(ref _lines);
    }

    // RFC 3339 with nanoseconds; DateTimeOffset reads seven fractional digits.
    private static DateTimeOffset Timestamp(string line)
    {
        var stamp = line[..line.IndexOf(' ', StringComparison.Ordinal)].TrimEnd('Z');
        if (stamp.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 && stamp.Length - dot - 1 > 7)
        {
            stamp = stamp[..(dot + 8)];
        }

        return DateTimeOffset.Parse(stamp + "Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
