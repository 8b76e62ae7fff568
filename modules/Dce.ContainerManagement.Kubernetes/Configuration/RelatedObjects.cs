using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>The pods and workloads of a namespace whose pods use a ConfigMap or Secret, as DCE lists them.</summary>
public sealed record RelatedObjects(
    IReadOnlyList<JsonObject> Pods,
    IReadOnlyList<JsonObject> Deployments,
    IReadOnlyList<JsonObject> StatefulSets,
    IReadOnlyList<JsonObject> DaemonSets,
    IReadOnlyList<JsonObject> Jobs)
{
    /// <summary>
    /// Reads the namespace's pods and workloads and keeps those whose pod spec refers to the ConfigMap (or Secret) named
    /// <paramref name="name"/>: as a volume (also projected), an environment variable or envFrom source, or, for a Secret, an image pull secret.
    /// </summary>
    public static async Task<RelatedObjects> FindAsync(k8s.IKubernetes client, string ns, string name, bool secret, CancellationToken cancellationToken = default)
    {
        async Task<IReadOnlyList<JsonObject>> Using(ResourceKind kind, Func<JsonObject, JsonNode?> podSpec) =>
            [.. (await ResourceClient.ListAsync(client, kind, ns, cancellationToken: cancellationToken)).Where(o => PodSpecRefers(podSpec(o), name, secret))];

        static JsonNode? Template(JsonObject o) => o["spec"]?["template"]?["spec"];
        var pods = await Using(ResourceKinds.Pods, o => o["spec"]);
        return new RelatedObjects([.. pods.Select(PodView.Describe)], await Using(ResourceKinds.Deployments, Template), await Using(ResourceKinds.StatefulSets, Template),
            await Using(ResourceKinds.DaemonSets, Template), await Using(ResourceKinds.Jobs, Template));
    }

    public static bool PodSpecRefers(JsonNode? podSpec, string name, bool secret)
    {
        if (podSpec is not JsonObject spec)
        {
            return false;
        }

        var (source, keyRef, fromRef) = secret ? ("secret", "secretKeyRef", "secretRef") : ("configMap", "configMapKeyRef", "configMapRef");
        var volumeName = secret ? "secretName" : "name";
        var volumes = (spec["volumes"] as JsonArray ?? []).OfType<JsonObject>();
        if (volumes.Any(v => v[source]?[volumeName]?.ToString() == name
            || (v["projected"]?["sources"] as JsonArray ?? []).Any(s => s?[source]?["name"]?.ToString() == name)))
        {
            return true;
        }

        if (secret && (spec["imagePullSecrets"] as JsonArray ?? []).Any(s => s?["name"]?.ToString() == name))
        {
            return true;
        }

        var containers = new[] { "containers", "initContainers", "ephemeralContainers" }
            .SelectMany(field => (spec[field] as JsonArray ?? []).OfType<JsonObject>());
        return containers.Any(c =>
            (c["env"] as JsonArray ?? []).Any(e => e?["valueFrom"]?[keyRef]?["name"]?.ToString() == name)
            || (c["envFrom"] as JsonArray ?? []).Any(e => e?[fromRef]?["name"]?.ToString() == name));
    }
}
