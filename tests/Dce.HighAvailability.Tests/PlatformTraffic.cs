using System.Collections.Concurrent;
using System.Net;

namespace Dce.HighAvailability.Tests;

/// <summary>
/// Steady traffic through the platform's entry, as a team's scripts make it: workspaces created in Global Management and
/// node labels set in Container Management (each write with its own <c>Idempotency-Key</c>, so every effect can be counted
/// once), reads of all three modules, and a followed pod log. Every answer that is not a success is a failure, unless
/// <see cref="Tolerate503"/> lets a 503 with <c>Retry-After</c> be retried as its header asks; a request whose connection
/// broke before its answer is sent again with its key, and counted (<see cref="Resent"/>).
/// </summary>
public sealed class PlatformTraffic : IAsyncDisposable
{
    private const string Ghippo = "/apis/ghippo.io/v1alpha1";
    private const string Kpanda = "/apis/kpanda.io/v1alpha1";
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);
    private const int MaxResends = 2;

    private readonly HttpClient _http;
    private readonly Session _session;
    private readonly string _cluster;
    private readonly string _node;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentQueue<string> _resends = new();
    private readonly List<Task> _loops = [];
    private int _sent;
    private int _workspacesCreated;
    private int _labelsSet;
    private int _deferred;
    private int _resent;

    private PlatformTraffic(Session session, string cluster, string node, LogFollower follower)
    {
        _session = session;
        _http = new HttpClient { BaseAddress = session.Entry, Timeout = TimeSpan.FromMinutes(1) };
        _cluster = cluster;
        _node = node;
        Log = follower;
    }

    /// <summary>Whether a 503 with <c>Retry-After</c> is retried rather than counted a failure (middleware outages).</summary>
    public bool Tolerate503 { get; init; }

    /// <summary>Prefix of the names of the workspaces this traffic creates.</summary>
    public string WorkspacePrefix => $"ha-{_run}-";

    /// <summary>The label key this traffic sets on its node.</summary>
    public string LabelKey => $"ha-{_run}";

    public LogFollower Log { get; }

    public int Sent => Volatile.Read(ref _sent);

    public int WorkspacesCreated => Volatile.Read(ref _workspacesCreated);

    public int LabelsSet => Volatile.Read(ref _labelsSet);

    /// <summary>
    /// Requests answered with <c>Retry-After</c> and asked again: a keyed write still in progress (409), or a 503 when
    /// tolerated.
    /// </summary>
    public int Deferred => Volatile.Read(ref _deferred);

    /// <summary>How many requests were sent again, with the same key, after their connection broke before the answer.</summary>
    public int Resent => Volatile.Read(ref _resent);

    /// <summary>How many loops send requests, each one request at a time.</summary>
    public int Loops => _loops.Count;

    /// <summary>When and why each of them was sent again.</summary>
    public IReadOnlyCollection<string> Resends => _resends;

    public IReadOnlyCollection<string> Failures => _failures;

    /// <summary>When the last failure or deferral was seen.</summary>
    public DateTimeOffset LastTrouble { get; private set; } = DateTimeOffset.MinValue;

    public static async Task<PlatformTraffic> StartAsync(Session session, string cluster, bool tolerate503 = false)
    {
        ArgumentNullException.ThrowIfNull(session);
        var nodes = await session.GetJsonAsync($"{Kpanda}/clusters/{cluster}/nodes");
        var node = nodes.GetProperty("items")[0].GetProperty("metadata").GetProperty("name").GetString()!;
        var follower = await LogFollower.StartAsync(session, cluster);
        follower.Tolerate503 = tolerate503;
        var traffic = new PlatformTraffic(session, cluster, node, follower) { Tolerate503 = tolerate503 };
        traffic._loops.Add(Task.Run(traffic.CreateWorkspacesAsync));
        traffic._loops.Add(Task.Run(traffic.SetLabelsAsync));
        traffic._loops.Add(Task.Run(traffic.ReadAsync));
        return traffic;
    }

    /// <summary>Waits until <paramref name="count"/> more requests were answered.</summary>
    public async Task SendMoreAsync(int count)
    {
        var target = Sent + count;
        await Dce.Testing.Eventually.Until(() => Sent >= target, $"{count} more requests", TimeSpan.FromMinutes(3));
        await Log.ReceiveMoreAsync(1);
    }

    /// <summary>
    /// Waits until the traffic has run without a failure or a deferral for <paramref name="calm"/> and answers when the
    /// last one was seen.
    /// </summary>
    public async Task<DateTimeOffset> CalmAsync(TimeSpan calm)
    {
        await Dce.Testing.Eventually.Until(() => DateTimeOffset.UtcNow - LastTrouble > calm, $"{calm} without a failed request", TimeSpan.FromMinutes(3));
        return LastTrouble;
    }

    /// <summary>Stops every loop and the log follower.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await Task.WhenAll(_loops);
        await Log.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        await Log.DisposeAsync();
        _http.Dispose();
    }

    private async Task CreateWorkspacesAsync()
    {
        for (var index = 0; !_stop.IsCancellationRequested; index++)
        {
            var body = new { name = $"{WorkspacePrefix}{index}" };
            if (await SendAsync("create workspace", () => JsonRequest(HttpMethod.Post, $"{Ghippo}/workspaces", body), HttpStatusCode.Created))
            {
                Interlocked.Increment(ref _workspacesCreated);
            }
        }
    }

    private async Task SetLabelsAsync()
    {
        for (var index = 0; !_stop.IsCancellationRequested; index++)
        {
            var labels = new Dictionary<string, string> { [LabelKey] = index.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            if (await SendAsync("set node labels", () => JsonRequest(HttpMethod.Put, $"{Kpanda}/clusters/{_cluster}/nodes/{_node}/labels", new { labels }), HttpStatusCode.OK))
            {
                Interlocked.Increment(ref _labelsSet);
            }
        }
    }

    private async Task ReadAsync()
    {
        string[] reads =
        [
            $"{Ghippo}/workspaces?pageSize=5",
            $"{Kpanda}/clusters/{_cluster}/nodes",
            "/apis/clusterpedia.io/v1beta1/resources/api/v1/configmaps",
            $"{Ghippo}/current-user",
        ];
        for (var index = 0; !_stop.IsCancellationRequested; index++)
        {
            var path = reads[index % reads.Length];
            await SendAsync($"GET {path}", () => new HttpRequestMessage(HttpMethod.Get, path), HttpStatusCode.OK);
        }
    }

    // One logical request: its key stays the same across the retries an answer with Retry-After asks for, as a client
    // library keeps it. Once sent it is seen through to its final answer even when the traffic stops, so every effect it
    // had is counted.
    private async Task<bool> SendAsync(string what, Func<HttpRequestMessage> create, HttpStatusCode expected)
    {
        var key = Guid.NewGuid().ToString("N");
        var broken = 0;
        while (true)
        {
            string failure;
            try
            {
                using var request = _session.Authorize(create());
                if (request.Method != HttpMethod.Get)
                {
                    request.Headers.Add("Idempotency-Key", key);
                }

                using var answer = await _http.SendAsync(request);
                Interlocked.Increment(ref _sent);
                if (answer.StatusCode == expected || (answer.IsSuccessStatusCode && answer.Headers.Contains("Idempotent-Replayed")))
                {
                    await Task.Delay(Pause);
                    return true;
                }

                var text = await answer.Content.ReadAsStringAsync();
                // A keyed write whose first attempt is unsettled (its replica died between its commit and its answer) is
                // answered 409 with Retry-After; the client asks again with the same key, as the answer says.
                var inProgress = answer.StatusCode == HttpStatusCode.Conflict && answer.Headers.RetryAfter is not null && request.Headers.Contains("Idempotency-Key");
                if (inProgress || (Tolerate503 && answer.StatusCode == HttpStatusCode.ServiceUnavailable && answer.Headers.RetryAfter is not null))
                {
                    Interlocked.Increment(ref _deferred);
                    LastTrouble = DateTimeOffset.UtcNow;
                    await Task.Delay(TimeSpan.FromMilliseconds(500));
                    continue;
                }

                failure = $"{DateTimeOffset.UtcNow:O} {what}: {(int)answer.StatusCode} {text}";
            }
            catch (HttpRequestException error) when (++broken <= MaxResends)
            {
                // The connection broke before the answer (a replica killed while it answered, past where the entry can
                // repeat the request itself): a client library sends a read, or a write with the same key, again. The
                // key keeps the write's effect single, which the test counts.
                Interlocked.Increment(ref _sent);
                Interlocked.Increment(ref _resent);
                LastTrouble = DateTimeOffset.UtcNow;
                _resends.Enqueue($"{DateTimeOffset.UtcNow:O} {what}: {error.Message}");
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                continue;
            }
            catch (HttpRequestException error)
            {
                Interlocked.Increment(ref _sent);
                failure = $"{DateTimeOffset.UtcNow:O} {what}: {error.Message}";
            }

            _failures.Enqueue(failure);
            LastTrouble = DateTimeOffset.UtcNow;
            await Task.Delay(Pause);
            return false;
        }
    }

    // With its length stated, as most clients send a body: the gateway repeats only a body whose size it knows.
    private static HttpRequestMessage JsonRequest(HttpMethod method, string path, object body) =>
        new(method, path) { Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json") };
}
