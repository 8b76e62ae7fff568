using Dce.Kubernetes.Resources;
using System.Text.Json.Nodes;

namespace Dce.Multicloud.Propagation.Api;

/// <summary>Read-modify-write against the API server, retried when another writer got there first (409).</summary>
public static class ObjectUpdates
{
    /// <summary>
    /// Lets <paramref name="change"/> edit the object (false: nothing to write) and writes it back, starting from
    /// <paramref name="cached"/> when given (one round trip when the cache is current) and reading it fresh after a
    /// conflict; null when it is gone.
    /// </summary>
    public static Task<JsonObject?> UpdateAsync(this KubeApi api, ResourceKind kind, string? ns, string name, Func<JsonObject, bool> change, CancellationToken cancellationToken, JsonObject? cached = null) =>
        WriteAsync(api, kind, ns, name, change, status: false, cached, cancellationToken);

    /// <summary>As <see cref="UpdateAsync"/>, written through the status subresource.</summary>
    public static Task<JsonObject?> UpdateStatusAsync(this KubeApi api, ResourceKind kind, string? ns, string name, Func<JsonObject, bool> change, CancellationToken cancellationToken, JsonObject? cached = null) =>
        WriteAsync(api, kind, ns, name, change, status: true, cached, cancellationToken);

    private static async Task<JsonObject?> WriteAsync(KubeApi api, ResourceKind kind, string? ns, string name, Func<JsonObject, bool> change, bool status, JsonObject? cached, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var current = attempt == 0 && cached is not null ? cached.DeepClone().AsObject() : await api.GetAsync(kind, ns, name, cancellationToken);
            if (current is null)
            {
                return null;
            }

            if (!change(current))
            {
                return current;
            }

            try
            {
                return status
                    ? await api.ReplaceStatusAsync(kind, ns, name, current, cancellationToken)
                    : await api.ReplaceAsync(kind, ns, name, current, cancellationToken);
            }
            catch (KubeApiException error) when (error.IsConflict && attempt < 5)
            {
            }
            catch (KubeApiException error) when (error.IsNotFound)
            {
                return null;
            }
        }
    }

    /// <summary>Creates the object, and its namespace first only when the server answers that the namespace is missing.</summary>
    public static async Task<JsonObject> CreateInNamespaceAsync(this KubeApi api, ResourceKind kind, string ns, JsonObject body, CancellationToken cancellationToken)
    {
        try
        {
            return await api.CreateAsync(kind, ns, body, cancellationToken);
        }
        catch (KubeApiException error) when (error.IsNotFound)
        {
            await api.EnsureNamespaceAsync(ns, cancellationToken);
            return await api.CreateAsync(kind, ns, body, cancellationToken);
        }
    }

    /// <summary>Creates the namespace unless it exists.</summary>
    public static async Task EnsureNamespaceAsync(this KubeApi api, string ns, CancellationToken cancellationToken)
    {
        try
        {
            await api.CreateAsync(Kinds.Namespace, null, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Namespace",
                ["metadata"] = new JsonObject { ["name"] = ns },
            }, cancellationToken);
        }
        catch (KubeApiException error) when (error.IsConflict)
        {
        }
    }
}
