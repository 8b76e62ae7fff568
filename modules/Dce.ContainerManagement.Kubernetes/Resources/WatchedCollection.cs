using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using k8s;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// Every object of one kind in one cluster, kept current by a watch: listed once, then followed from the list's
/// resource version with bookmarks, resumed from the last version seen after any break, and listed again when the
/// cluster no longer holds that version (410 Gone). Readers get an immutable snapshot; objects in it are never changed
/// after they were stored, so a reader copies what it wants to alter.
/// </summary>
public sealed class WatchedCollection : IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly k8s.Kubernetes _client;
    private readonly ResourceKind _kind;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private IReadOnlyList<JsonObject>? _snapshot;
    private string _resourceVersion = "";
    private readonly Task _loop;

    public WatchedCollection(IKubernetes streamingClient, ResourceKind kind)
    {
        _client = streamingClient as k8s.Kubernetes ?? throw new NotSupportedException("A watched collection needs the KubernetesClient implementation.");
        _kind = kind;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Completes once the first list is held.</summary>
    public Task Ready => _ready.Task;

    /// <summary>When the watch last delivered anything (an event or a bookmark), so a reader can tell a stalled watch.</summary>
    public DateTimeOffset LastHeard { get; private set; }

    public IReadOnlyList<JsonObject> Snapshot()
    {
        lock (_gate)
        {
            return _snapshot ??= [.. _objects.Values];
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_resourceVersion.Length == 0)
                {
                    await ListAsync(stop);
                }

                await WatchAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException or k8s.Autorest.HttpOperationException or TimeoutException)
            {
                await Task.Delay(RetryDelay, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ListAsync(CancellationToken stop)
    {
        var list = await ResourceClient.GetPathAsync(_client, _kind.CollectionPath(null), stop);
        var items = (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        lock (_gate)
        {
            _objects.Clear();
            foreach (var item in items)
            {
                Store(item);
            }

            _snapshot = null;
            _resourceVersion = list["metadata"]?["resourceVersion"]?.ToString() ?? "";
        }

        LastHeard = DateTimeOffset.UtcNow;
        _ready.TrySetResult();
    }

    private async Task WatchAsync(CancellationToken stop)
    {
        var path = $"{_kind.CollectionPath(null)}?watch=true&allowWatchBookmarks=true&resourceVersion={Uri.EscapeDataString(_resourceVersion)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_client.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, stop);
        }

        using var response = await _client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
        if (response.StatusCode == HttpStatusCode.Gone)
        {
            _resourceVersion = "";
            return;
        }

        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
        while (await reader.ReadLineAsync(stop) is { } line)
        {
            if (line.Length == 0 || JsonNode.Parse(line) is not JsonObject change || change["object"] is not JsonObject obj)
            {
                continue;
            }

            var type = change["type"]?.ToString();
            if (type == "ERROR")
            {
                // 410 Gone inside the stream: the version is too old; list again.
                _resourceVersion = obj["code"]?.GetValue<int>() == 410 ? "" : _resourceVersion;
                return;
            }

            Apply(type, obj);
        }
    }

    private void Apply(string? type, JsonObject obj)
    {
        lock (_gate)
        {
            if (type is "ADDED" or "MODIFIED")
            {
                obj.Remove("managedFields");
                Store(obj);
                _snapshot = null;
            }
            else if (type == "DELETED")
            {
                _objects.Remove(Key(obj));
                _snapshot = null;
            }

            _resourceVersion = obj["metadata"]?["resourceVersion"]?.ToString() ?? _resourceVersion;
        }

        LastHeard = DateTimeOffset.UtcNow;
    }

    private void Store(JsonObject item)
    {
        item.Remove("managedFields");
        item["apiVersion"] ??= _kind.ApiVersion;
        item["kind"] ??= _kind.Kind;
        Materialize(item);
        _objects[Key(item)] = item;
    }

    private static string Key(JsonObject obj) =>
        $"{obj["metadata"]?["namespace"]}/{obj["metadata"]?["name"]}";

    // A parsed node materializes its children on first read; doing it here, under the lock, makes later reads from
    // several threads only reads.
    private static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Materialize(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Materialize(child);
                }

                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    public override string ToString() => $"{_kind.Plural} at {_resourceVersion} ({_objects.Count.ToString(CultureInfo.InvariantCulture)})";
}
