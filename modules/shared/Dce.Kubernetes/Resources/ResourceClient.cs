using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Dce.Kubernetes.Resources;

/// <summary>
/// Any kind's objects as the cluster serves them, as JSON: list, get, create, replace, patch and delete through the
/// cluster's REST paths with the client's TLS and credentials. A refusal throws <see cref="HttpOperationException"/>
/// carrying the cluster's <c>Status</c>, as the typed clients do, so it is answered the same way.
/// </summary>
public static class ResourceClient
{
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(IKubernetes client, ResourceKind kind, string? ns, string? labelSelector = null,
        string? fieldSelector = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var query = new List<string>();
        if (!string.IsNullOrEmpty(labelSelector))
        {
            query.Add("labelSelector=" + Uri.EscapeDataString(labelSelector));
        }

        if (!string.IsNullOrEmpty(fieldSelector))
        {
            query.Add("fieldSelector=" + Uri.EscapeDataString(fieldSelector));
        }

        var path = kind.CollectionPath(ns) + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        var list = await SendAsync(client, HttpMethod.Get, path, null, null, cancellationToken);
        var array = list["items"] as JsonArray ?? [];
        var items = array.OfType<JsonObject>().ToList();
        array.Clear();
        foreach (var item in items)
        {
            // A list's items carry no kind; a reader of one item should not need the list to know what it is.
            item["apiVersion"] ??= kind.ApiVersion;
            item["kind"] ??= kind.Kind;
        }

        return items;
    }

    public static Task<JsonObject> GetAsync(IKubernetes client, ResourceKind kind, string? ns, string name, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Get, kind.ObjectPath(ns, name), null, null, cancellationToken);

    public static Task<JsonObject> CreateAsync(IKubernetes client, ResourceKind kind, string? ns, JsonObject body, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Post, kind.CollectionPath(ns), body.ToJsonString(), "application/json", cancellationToken);

    /// <summary>
    /// Creates with <c>dryRun=All</c>: the cluster validates and admits the object as it would a create, answering or
    /// refusing the same way, but stores nothing.
    /// </summary>
    public static Task<JsonObject> CreateDryRunAsync(IKubernetes client, ResourceKind kind, string? ns, JsonObject body, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Post, kind.CollectionPath(ns) + "?dryRun=All", body.ToJsonString(), "application/json", cancellationToken);

    public static Task<JsonObject> ReplaceAsync(IKubernetes client, ResourceKind kind, string? ns, string name, JsonObject body, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Put, kind.ObjectPath(ns, name), body.ToJsonString(), "application/json", cancellationToken);

    /// <summary>Replaces the object's status through its <c>/status</c> subresource.</summary>
    public static Task<JsonObject> ReplaceStatusAsync(IKubernetes client, ResourceKind kind, string? ns, string name, JsonObject body, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Put, kind.ObjectPath(ns, name) + "/status", body.ToJsonString(), "application/json", cancellationToken);

    public static Task<JsonObject> PatchAsync(IKubernetes client, ResourceKind kind, string? ns, string name, string patch, PatchFormat format,
        CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Patch, kind.ObjectPath(ns, name), patch, format.ContentType(), cancellationToken);

    public static Task<JsonObject> DeleteAsync(IKubernetes client, ResourceKind kind, string? ns, string name, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Delete, kind.ObjectPath(ns, name), null, null, cancellationToken);

    /// <summary>GETs any path of the cluster's API (discovery, for one) as JSON.</summary>
    public static Task<JsonObject> GetPathAsync(IKubernetes client, string path, CancellationToken cancellationToken = default) =>
        SendAsync(client, HttpMethod.Get, path, null, null, cancellationToken);

    /// <summary>Deletes the object, its dependents as <paramref name="propagationPolicy"/> says (Foreground, Background or Orphan; the kind's default when null).</summary>
    public static Task<JsonObject> DeleteAsync(IKubernetes client, ResourceKind kind, string? ns, string name, string? propagationPolicy, CancellationToken cancellationToken) =>
        SendAsync(client, HttpMethod.Delete, kind.ObjectPath(ns, name) + (propagationPolicy is null ? "" : "?propagationPolicy=" + Uri.EscapeDataString(propagationPolicy)),
            null, null, cancellationToken);

    /// <summary>Patches the object (or its <paramref name="subresource"/>); an apply patch is a server-side apply by <paramref name="fieldManager"/>, forcing conflicts.</summary>
    public static Task<JsonObject> PatchAsync(IKubernetes client, ResourceKind kind, string? ns, string name, string patch, PatchFormat format, string? subresource,
        string fieldManager, CancellationToken cancellationToken)
    {
        var path = kind.ObjectPath(ns, name) + (subresource is null ? "" : "/" + Uri.EscapeDataString(subresource));
        if (format == PatchFormat.Apply)
        {
            path += "?fieldManager=" + Uri.EscapeDataString(fieldManager) + "&force=true";
        }

        return SendAsync(client, HttpMethod.Patch, path, patch, format.ContentType(), cancellationToken);
    }

    /// <summary>
    /// Opens a streamed answer of any path (a followed log, for one) once its headers arrive; dispose the stream to end it.
    /// A refusal throws as <see cref="GetPathAsync"/> does.
    /// </summary>
    public static async Task<Stream> OpenStreamAsync(IKubernetes client, string path, CancellationToken cancellationToken = default)
    {
        using var request = await RequestAsync(client, HttpMethod.Get, path, null, null, "*/*", cancellationToken);
        var response = await Http(client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw Refusal(request, null, response, await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private static async Task<JsonObject> SendAsync(IKubernetes client, HttpMethod method, string path, string? body, string? contentType, CancellationToken cancellationToken)
    {
        using var request = await RequestAsync(client, method, path, body, contentType, "application/json", cancellationToken);
        using var response = await Http(client).SendAsync(request, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Refusal(request, body, response, content);
        }

        return JsonNode.Parse(content.Length == 0 ? "{}" : content) as JsonObject ?? [];
    }

    private static async Task<HttpRequestMessage> RequestAsync(IKubernetes client, HttpMethod method, string path, string? body, string? contentType,
        string accept, CancellationToken cancellationToken)
    {
        var kubernetes = Implementation(client);
        var request = new HttpRequestMessage(method, new Uri(kubernetes.BaseUri, path.TrimStart('/')));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }

        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken);
        }

        return request;
    }

    private static HttpClient Http(IKubernetes client) => Implementation(client).HttpClient;

    private static k8s.Kubernetes Implementation(IKubernetes client) =>
        client as k8s.Kubernetes ?? throw new NotSupportedException("Raw resource calls need the KubernetesClient implementation.");

    private static HttpOperationException Refusal(HttpRequestMessage request, string? body, HttpResponseMessage response, string content) =>
        new($"The cluster answered {(int)response.StatusCode} to {request.Method} {request.RequestUri?.AbsolutePath}.")
        {
            Request = new HttpRequestMessageWrapper(request, body),
            Response = new HttpResponseMessageWrapper(response, content),
        };
}
