using YamlDotNet.RepresentationModel;

namespace Dce.Kubernetes.Kubeconfigs;

/// <summary>
/// What a kubeconfig from outside may hold: credentials written inline only. Anything that makes the reader run a command
/// (<c>exec</c>, <c>auth-provider</c>), read a file of this machine, use a proxy or skip TLS verification is refused,
/// whichever context it belongs to.
/// </summary>
internal static class InlineCredentialRules
{
    private static readonly string[] RefusedClusterFields = ["certificate-authority", "proxy-url"];
    private static readonly string[] RefusedUserFields = ["exec", "auth-provider", "tokenFile", "client-certificate", "client-key"];

    /// <summary>The first refused field with the reason, or null.</summary>
    public static string? FirstRefusal(YamlMappingNode root)
    {
        foreach (var (index, cluster) in Entries(root, "clusters", "cluster"))
        {
            foreach (var field in RefusedClusterFields)
            {
                if (cluster.Children.ContainsKey(field))
                {
                    return $"clusters[{index}].cluster.{field} is not allowed: {Why(field)}";
                }
            }

            if (cluster.Children.TryGetValue("insecure-skip-tls-verify", out var skip) && skip is YamlScalarNode { Value: { } value }
                && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
            {
                return $"clusters[{index}].cluster.insecure-skip-tls-verify is not allowed: give the cluster's certificate-authority-data instead.";
            }
        }

        foreach (var (index, user) in Entries(root, "users", "user"))
        {
            foreach (var field in RefusedUserFields)
            {
                if (user.Children.ContainsKey(field))
                {
                    return $"users[{index}].user.{field} is not allowed: {Why(field)}";
                }
            }
        }

        return null;
    }

    private static string Why(string field) => field switch
    {
        "proxy-url" => "the platform connects to the cluster's API server directly.",
        "certificate-authority" => "give certificate-authority-data inline instead of a file path.",
        _ => "only inline credentials are accepted (token, username/password, client-certificate-data/client-key-data).",
    };

    private static IEnumerable<(int Index, YamlMappingNode Body)> Entries(YamlMappingNode root, string list, string body)
    {
        if (!root.Children.TryGetValue(list, out var entries) || entries is not YamlSequenceNode sequence)
        {
            yield break;
        }

        for (var i = 0; i < sequence.Children.Count; i++)
        {
            if (sequence.Children[i] is YamlMappingNode entry && entry.Children.TryGetValue(body, out var node) && node is YamlMappingNode mapping)
            {
                yield return (i, mapping);
            }
        }
    }
}
