using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Propagation.Templates;
using k8s;
using k8s.Autorest;

namespace Dce.Multicloud.Apis.Promotion;

/// <summary>
/// What a promotion copies out of the member: the object, the Services asked for, and the ConfigMaps and Secrets a
/// workload's pods use, each as a template (without the status and the metadata the member's API server owns).
/// </summary>
internal static class PromotedObjects
{
    public static readonly ResourceKind Services = new("", "v1", "services", "Service");
    private static readonly ResourceKind ConfigMaps = new("", "v1", "configmaps", "ConfigMap");
    private static readonly ResourceKind Secrets = new("", "v1", "secrets", "Secret");

    /// <summary>The templates to create, the promoted object first; null with the reason when one named is missing.</summary>
    public static async Task<(List<(ResourceKind Kind, JsonObject Template)>? Templates, string? Missing)> ReadAsync(IKubernetes member, string cluster,
        ResourceKind kind, string ns, string name, IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        var source = await FindAsync(member, kind, ns, name, cancellationToken);
        if (source is null)
        {
            return (null, $"{kind.Kind} {ns}/{name} does not exist in member cluster {cluster}.");
        }

        var found = new List<(ResourceKind, JsonObject)> { (kind, source) };
        foreach (var service in services.Distinct(StringComparer.Ordinal))
        {
            if (await FindAsync(member, Services, ns, service, cancellationToken) is not { } item)
            {
                return (null, $"Service {ns}/{service} does not exist in member cluster {cluster}.");
            }

            found.Add((Services, item));
        }

        // A dependency the pods name but the member lacks is left out: the pods run without it there today.
        foreach (var (dependencyKind, dependency) in PodTemplates.Dependencies(source).OrderBy(d => d.Kind, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal))
        {
            var resource = dependencyKind == "Secret" ? Secrets : ConfigMaps;
            if (await FindAsync(member, resource, ns, dependency, cancellationToken) is { } item)
            {
                found.Add((resource, item));
            }
        }

        return ([.. found.Select(pair => (pair.Item1, Template(pair.Item2)))], null);
    }

    /// <summary>Whether Karmada already propagates the object into the member.</summary>
    public static bool IsPropagated(JsonObject template) =>
        template["metadata"]?["labels"]?[KarmadaNames.ManagedLabel] is not null || template["metadata"]?["labels"]?[KarmadaNames.WorkNameLabel] is not null;

    /// <summary>The object as <paramref name="client"/>'s cluster serves it, or null when it does not exist there.</summary>
    public static async Task<JsonObject?> FindAsync(IKubernetes client, ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await ResourceClient.GetAsync(client, kind, ns, name, cancellationToken);
        }
        catch (HttpOperationException error) when (error.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static JsonObject Template(JsonObject member)
    {
        var template = ManifestCleaner.Clean(member);
        template["apiVersion"] ??= member["apiVersion"]?.DeepClone();
        return template;
    }
}
