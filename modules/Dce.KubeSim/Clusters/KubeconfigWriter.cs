using Dce.KubeSim.Security;

namespace Dce.KubeSim.Clusters;

/// <summary>Writes one kubeconfig per cluster, pointing at that cluster's address with its bearer token.</summary>
public static class KubeconfigWriter
{
    public static string Render(SimulatedCluster cluster, string serverUrl, string? certificateAuthority) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {cluster.Name}
          cluster:
            server: {serverUrl}{(serverUrl.StartsWith("https", StringComparison.Ordinal) && certificateAuthority is not null ? "\n    certificate-authority-data: " + certificateAuthority : "")}
        users:
        - name: {cluster.Name}-admin
          user:
            token: {cluster.Token}
        contexts:
        - name: {cluster.Name}
          context:
            cluster: {cluster.Name}
            user: {cluster.Name}-admin
            namespace: default
        current-context: {cluster.Name}
        preferences: {"{}"}

        """;

    /// <summary>The cluster's API under the shared address: <c>&lt;baseUrl&gt;/clusters/&lt;name&gt;</c>.</summary>
    public static string ServerUrl(SimulatedCluster cluster, string baseUrl) => $"{baseUrl.TrimEnd('/')}/clusters/{cluster.Name}";

    public static string Write(SimulatedCluster cluster, string serverUrl, string? certificateAuthority, string directory)
    {
        PrivateFile.CreateFolder(directory);
        var path = Path.Combine(directory, cluster.Name + ".kubeconfig");
        PrivateFile.Write(path, Render(cluster, serverUrl, certificateAuthority));
        return path;
    }
}
