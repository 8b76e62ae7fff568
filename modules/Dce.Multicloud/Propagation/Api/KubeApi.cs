using Dce.Kubernetes.Resources;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Kubeconfigs;
using k8s;

namespace Dce.Multicloud.Propagation.Api;

/// <summary>
/// Any kind of object of one API server as JSON, through KubernetesClient's connection (its TLS, credentials and the
/// outbound policy): controllers handle templates of every kind and Karmada's custom resources alike.
/// </summary>
public sealed class KubeApi : IDisposable
{
    private readonly k8s.Kubernetes client;

    public KubeApi(k8s.Kubernetes client) => this.client = client;

    /// <summary>The typed client, for the few calls that have one (CustomResourceDefinitions).</summary>
    public IKubernetes Typed => client;

    /// <summary>Connects with <paramref name="kubeconfig"/>; throws naming the field when the loader refuses it.</summary>
    public static KubeApi FromKubeconfig(string kubeconfig, KubeconfigLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        if (!loader.TryLoad(kubeconfig, out var loaded, out var error))
        {
            throw new InvalidOperationException($"The kubeconfig is refused: {error}");
        }

        // Watches stay open for minutes; each request is bounded by its own cancellation instead.
        loaded.Configuration.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        return new KubeApi(new k8s.Kubernetes(loaded.Configuration));
    }

    public async Task<JsonObject?> GetAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, kind.ObjectPath(ns, name), null, cancellationToken);
        }
        catch (KubeApiException error) when (error.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Every object of the kind (all pages), with the list's resourceVersion.</summary>
    public async Task<(List<JsonObject> Items, string ResourceVersion)> ListAsync(ResourceKind kind, string? ns, string? labelSelector, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? continueToken = null;
        string resourceVersion;
        do
        {
            var query = $"{kind.CollectionPath(ns)}?limit=500"
                + (labelSelector is null ? "" : "&labelSelector=" + Uri.EscapeDataString(labelSelector))
                + (continueToken is null ? "" : "&continue=" + Uri.EscapeDataString(continueToken));
            var page = await SendAsync(HttpMethod.Get, query, null, cancellationToken);
            resourceVersion = page["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
            continueToken = page["metadata"]?["continue"]?.GetValue<string>() is { Length: > 0 } next ? next : null;
            foreach (var item in page["items"]?.AsArray() ?? [])
            {
                if (item is JsonObject found)
                {
                    var detached = found.DeepClone().AsObject();
                    detached["apiVersion"] = kind.ApiVersion;
                    detached["kind"] = kind.Kind;
                    items.Add(detached);
                }
            }
        }
        while (continueToken is not null);

        return (items, resourceVersion);
    }

    public Task<JsonObject> CreateAsync(ResourceKind kind, string? ns, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, kind.CollectionPath(ns), body, cancellationToken);

    /// <summary>Replaces the object; the body's resourceVersion makes it conditional.</summary>
    public Task<JsonObject> ReplaceAsync(ResourceKind kind, string? ns, string name, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, kind.ObjectPath(ns, name), body, cancellationToken);

    /// <summary>Replaces the object's status through its status subresource.</summary>
    public Task<JsonObject> ReplaceStatusAsync(ResourceKind kind, string? ns, string name, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, kind.ObjectPath(ns, name) + "/status", body, cancellationToken);

    /// <summary>Deletes the object, dependents in the background; false when it was already gone.</summary>
    public async Task<bool> DeleteAsync(ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var options = new JsonObject { ["kind"] = "DeleteOptions", ["apiVersion"] = "v1", ["propagationPolicy"] = "Background" };
            await SendAsync(HttpMethod.Delete, kind.ObjectPath(ns, name), options, cancellationToken);
            return true;
        }
        catch (KubeApiException error) when (error.IsNotFound)
        {
            return false;
        }
    }

    public Task<JsonObject> GetPathAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>The events of a watch from <paramref name="resourceVersion"/> with bookmarks, until the server ends it.</summary>
    public async IAsyncEnumerable<(string Type, JsonObject Object)> WatchAsync(ResourceKind kind, string resourceVersion, TimeSpan timeout, string? labelSelector,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = $"{kind.CollectionPath(null)}?watch=true&allowWatchBookmarks=true&timeoutSeconds={(int)timeout.TotalSeconds}&resourceVersion={Uri.EscapeDataString(resourceVersion)}"
            + (labelSelector is null ? "" : "&labelSelector=" + Uri.EscapeDataString(labelSelector));
        using var request = await RequestAsync(HttpMethod.Get, query, null, cancellationToken);
        using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 || JsonNode.Parse(line) is not JsonObject watchEvent)
            {
                continue;
            }

            var type = watchEvent["type"]?.GetValue<string>() ?? "";
            var item = watchEvent["object"] as JsonObject ?? [];
            if (type == "ERROR")
            {
                var code = item["code"]?.GetValue<int>() ?? 500;
                throw new KubeApiException((HttpStatusCode)code, item["message"]?.GetValue<string>() ?? "watch error");
            }

            watchEvent.Remove("object");
            yield return (type, item);
        }
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(method, path, body, cancellationToken);
        using var response = await client.HttpClient.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        return JsonNode.Parse(content.Length == 0 ? "{}" : content) as JsonObject ?? [];
    }

    private async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(client.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (client.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        return request;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        string message;
        try
        {
            message = JsonNode.Parse(content)?["message"]?.GetValue<string>() ?? content;
        }
        catch (JsonException)
        {
            message = content;
        }

        throw new KubeApiException(response.StatusCode, message.Length > 500 ? message[..500] : message);
    }

    public void Dispose() => client.Dispose();
}
