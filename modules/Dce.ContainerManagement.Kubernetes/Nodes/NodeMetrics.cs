using System.Text.Json;
using k8s;
using k8s.Autorest;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>Node usage from <c>metrics.k8s.io/v1beta1</c>; empty when the cluster serves no metrics.</summary>
public static class NodeMetrics
{
    /// <summary>Usage by node name.</summary>
    public static async Task<IReadOnlyDictionary<string, NodeUsage>> ListAsync(IKubernetes client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        object list;
        try
        {
            list = await client.CustomObjects.ListClusterCustomObjectAsync("metrics.k8s.io", "v1beta1", "nodes", cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            return new Dictionary<string, NodeUsage>();
        }

        var usage = new Dictionary<string, NodeUsage>(StringComparer.Ordinal);
        var root = list is JsonElement element ? element : JsonSerializer.SerializeToElement(list);
        if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return usage;
        }

        foreach (var item in items.EnumerateArray())
        {
            if (item.TryGetProperty("metadata", out var meta) && meta.TryGetProperty("name", out var name)
                && item.TryGetProperty("usage", out var values))
            {
                usage[name.GetString() ?? ""] = new NodeUsage(
                    values.TryGetProperty("cpu", out var cpu) ? cpu.GetString() ?? "0" : "0",
                    values.TryGetProperty("memory", out var memory) ? memory.GetString() ?? "0" : "0");
            }
        }

        return usage;
    }
}
