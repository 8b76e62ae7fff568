using System.Text;
using System.Text.Json.Nodes;
using Dce.Multicloud.Propagation.Templates;

namespace Dce.Multicloud.Propagation.Members;

/// <summary>
/// The kubeconfig of a member as its join left it in the control plane: the Secret's <c>kubeconfig</c> (the platform's
/// join), or the Cluster's <c>spec.apiEndpoint</c> with the <c>token</c> and <c>caBundle</c> of the Secret (<c>karmadactl join</c>).
/// </summary>
public static class MemberCredentials
{
    /// <summary>Where the member's Secret is: the Cluster's <c>spec.secretRef</c>, else <c>karmada-cluster/&lt;cluster&gt;</c>.</summary>
    public static (string Namespace, string Name) SecretOf(string cluster, JsonObject? member) => (
        member?["spec"]?["secretRef"]?["namespace"]?.GetValue<string>() ?? KarmadaNames.ClusterSecretNamespace,
        member?["spec"]?["secretRef"]?["name"]?.GetValue<string>() ?? cluster);

    /// <summary>The kubeconfig text, or null when the Secret holds neither form.</summary>
    public static string? Kubeconfig(string cluster, JsonObject? member, JsonObject secret)
    {
        if (Decoded(secret, "kubeconfig") is { } kubeconfig)
        {
            return kubeconfig;
        }

        if (Decoded(secret, "token") is not { } token || member?["spec"]?["apiEndpoint"]?.GetValue<string>() is not { } endpoint)
        {
            return null;
        }

        var clusterEntry = new JsonObject { ["server"] = endpoint };
        if (secret["data"]?["caBundle"]?.GetValue<string>() is { } caBundle)
        {
            clusterEntry["certificate-authority-data"] = caBundle;
        }
        else if (member["spec"]?["insecureSkipTLSVerification"]?.GetValue<bool>() == true)
        {
            clusterEntry["insecure-skip-tls-verify"] = true;
        }

        // JSON is YAML: the kubeconfig loader reads it as any other.
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject { ["name"] = cluster, ["cluster"] = clusterEntry }),
            ["users"] = new JsonArray(new JsonObject { ["name"] = cluster, ["user"] = new JsonObject { ["token"] = token } }),
            ["contexts"] = new JsonArray(new JsonObject { ["name"] = cluster, ["context"] = new JsonObject { ["cluster"] = cluster, ["user"] = cluster } }),
            ["current-context"] = cluster,
        }.ToJsonString();
    }

    private static string? Decoded(JsonObject secret, string key) =>
        secret["data"]?[key]?.GetValue<string>() is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)).Trim() : null;
}
