using System.Text.Json.Nodes;
using k8s;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>One resource the cluster's discovery serves: its kind and whether it lives in a namespace (subresources left out).</summary>
public sealed record DiscoveredResource(ResourceKind Kind, IReadOnlyList<string> Verbs);

/// <summary>The cluster's discovery documents read as <see cref="ResourceKind"/>s: a group version's resources, and the preferred version of every group.</summary>
public static class ApiDiscovery
{
    /// <summary>The resources of <paramref name="group"/>/<paramref name="version"/>; empty when the cluster does not serve that group version.</summary>
    public static async Task<IReadOnlyList<DiscoveredResource>> ResourcesAsync(IKubernetes client, string group, string version, CancellationToken cancellationToken = default)
    {
        var path = group.Length == 0 ? $"/api/{Uri.EscapeDataString(version)}" : $"/apis/{Uri.EscapeDataString(group)}/{Uri.EscapeDataString(version)}";
        try
        {
            return Read(await ResourceClient.GetPathAsync(client, path, cancellationToken), group, version);
        }
        catch (k8s.Autorest.HttpOperationException notServed) when (notServed.Response?.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }
    }

    /// <summary>Every group with its preferred version (the core group as <c>""</c>, first), as <c>/api</c> and <c>/apis</c> list them.</summary>
    public static async Task<IReadOnlyList<(string Group, string Version)>> PreferredVersionsAsync(IKubernetes client, CancellationToken cancellationToken = default)
    {
        var core = await ResourceClient.GetPathAsync(client, "/api", cancellationToken);
        var groups = await ResourceClient.GetPathAsync(client, "/apis", cancellationToken);
        var versions = (core["versions"] as JsonArray ?? []).Select(v => v?.ToString()).OfType<string>().Take(1).Select(v => ("", v)).ToList();
        foreach (var group in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (group["name"]?.ToString() is { Length: > 0 } name && group["preferredVersion"]?["version"]?.ToString() is { Length: > 0 } preferred)
            {
                versions.Add((name, preferred));
            }
        }

        return versions;
    }

    private static List<DiscoveredResource> Read(JsonObject list, string group, string version) =>
        [.. (list["resources"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(r => r["name"]?.ToString() is { Length: > 0 } name && !name.Contains('/', StringComparison.Ordinal))
            .Select(r => new DiscoveredResource(
                new ResourceKind(group, version, r["name"]!.ToString(), r["kind"]?.ToString() ?? "", r["namespaced"]?.GetValue<bool>() ?? false),
                [.. (r["verbs"] as JsonArray ?? []).Select(v => v?.ToString()).OfType<string>()]))];
}
