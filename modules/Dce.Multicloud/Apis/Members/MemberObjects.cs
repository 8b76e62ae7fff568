using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Names;
using Dce.Multicloud.Model;

namespace Dce.Multicloud.Apis.Members;

/// <summary>
/// The objects that make a cluster a member of a Karmada control plane, as Karmada's own join writes them: a <c>Cluster</c>
/// (push mode, provider, region, API endpoint, labels, taints) and the Secret in <c>karmada-cluster</c> holding the
/// member's credentials, which the Cluster references.
/// </summary>
internal static class MemberObjects
{
    public const string SecretNamespace = "karmada-cluster";

    public static JsonObject Secret(string name, string kubeconfig) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = SecretNamespace },
        ["type"] = "Opaque",
        ["data"] = new JsonObject { ["kubeconfig"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(kubeconfig)) },
    };

    public static JsonObject Cluster(KnownCluster known, string apiEndpoint, JsonObject? requested) => new()
    {
        ["apiVersion"] = "cluster.karmada.io/v1alpha1",
        ["kind"] = "Cluster",
        ["metadata"] = new JsonObject { ["name"] = known.Name, ["labels"] = Labels(requested) },
        ["spec"] = new JsonObject
        {
            ["syncMode"] = "Push",
            ["apiEndpoint"] = apiEndpoint,
            ["provider"] = known.Provider,
            ["region"] = known.Region,
            ["zones"] = requested?["spec"]?["zones"]?.DeepClone() ?? new JsonArray(),
            ["taints"] = requested?["spec"]?["taints"]?.DeepClone() ?? new JsonArray(),
            ["secretRef"] = new JsonObject { ["namespace"] = SecretNamespace, ["name"] = known.Name },
        },
    };

    public static JsonObject Labels(JsonObject? requested) =>
        requested?["metadata"]?["labels"]?.DeepClone() as JsonObject ?? [];

    /// <summary>Field errors in the labels, zones and taints a caller asks for; empty when they are acceptable.</summary>
    public static Dictionary<string, string[]> Problems(JsonObject? requested)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (key, value) in Labels(requested))
        {
            if (!KubernetesNames.IsLabelKey(key) || value?.GetValueKind() != JsonValueKind.String || !KubernetesNames.IsLabelValue(value.GetValue<string>()))
            {
                errors[$"cluster.metadata.labels.{key}"] = ["a label is a qualified name with a value of at most 63 letters, digits, '-', '_' or '.'."];
            }
        }

        if (requested?["spec"]?["taints"] is JsonNode taints and not JsonArray)
        {
            errors["cluster.spec.taints"] = ["taints are a list of {key, value, effect}."];
        }

        if (requested?["spec"]?["zones"] is JsonNode zones and not JsonArray)
        {
            errors["cluster.spec.zones"] = ["zones are a list of names."];
        }

        return errors;
    }
}
