using System.Net.Http.Headers;
using Dce.Platform.Contracts.Authorization;
using Microsoft.Extensions.Options;

namespace Dce.ContainerManagement.GlobalManagement;

/// <summary>A binding of a cluster (namespace null) or one of its namespaces to a workspace.</summary>
public sealed record ClusterBinding(int WorkspaceId, string? Namespace);

/// <summary>DCE's six quota dimensions in Kubernetes quantities; null means unlimited.</summary>
public sealed record WorkspaceQuotaHard(string? RequestsCpu, string? LimitsCpu, string? RequestsMemory, string? LimitsMemory, string? RequestsStorage, string? PersistentVolumeClaims);

/// <summary>The workspace a namespace is bound to, its quota on the namespace's cluster and its other namespaces there.</summary>
public sealed record NamespaceWorkspaceQuota(int WorkspaceId, WorkspaceQuotaHard? Hard, IReadOnlyList<string> Namespaces);

/// <summary>Calls Global Management on behalf of the caller, forwarding the caller's token, so Global Management applies the caller's own rights.</summary>
public sealed class GlobalManagementClient(HttpClient http, IOptions<WorkspaceAuthorizationOptions> options, IHttpContextAccessor context)
{
    private const string Root = "/apis/ghippo.io/v1alpha1";

    public async Task<IReadOnlyList<ClusterBinding>> BindingsAsync(string cluster, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Root}/clusters/{cluster}/bindings", null, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<ClusterBinding>>(cancellationToken) ?? [];
    }

    /// <summary>The workspace quota governing a namespace, or null when the namespace belongs to no workspace.</summary>
    public async Task<NamespaceWorkspaceQuota?> WorkspaceQuotaAsync(string cluster, string ns, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Root}/clusters/{cluster}/namespaces/{ns}/workspace-quota", null, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<NamespaceWorkspaceQuota>(cancellationToken);
    }

    /// <summary>Binds a cluster (namespace null) or a namespace to a workspace; Global Management decides whether the caller may.</summary>
    public Task<IResult> BindResourceAsync(int workspaceId, string cluster, string? ns, CancellationToken cancellationToken) =>
        ForwardAsync(HttpMethod.Post, $"{Root}/workspaces/{workspaceId}/bind-resource", new { cluster, @namespace = ns }, cancellationToken);

    /// <summary>Unbinds a cluster (namespace null) or a namespace from a workspace.</summary>
    public Task<IResult> UnbindResourceAsync(int workspaceId, string cluster, string? ns, CancellationToken cancellationToken) =>
        ForwardAsync(HttpMethod.Put, $"{Root}/workspaces/{workspaceId}/unbind-resource", new { cluster, @namespace = ns }, cancellationToken);

    private async Task<IResult> ForwardAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, cancellationToken);
        var content = await response.Content.ReadAsStringAsync(cancellationToken);
        var type = response.Content.Headers.ContentType?.ToString() ?? "application/json";
        return content.Length == 0 ? TypedResults.StatusCode((int)response.StatusCode) : TypedResults.Content(content, type, statusCode: (int)response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, new Uri(options.Value.Endpoint, path)) { Content = body is null ? null : JsonContent.Create(body) };
        var header = context.HttpContext?.Request.Headers.Authorization.ToString();
        if (header is { Length: > 7 } && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", header[7..].Trim());
        }

        return http.SendAsync(request, cancellationToken);
    }
}
