using Dce.KubeSim.Security;

namespace Dce.KubeSim.Clusters;

/// <summary>Writes one kubeconfig per cluster, pointing at that cluster's path prefix with its bearer token.</summary>
public static class KubeconfigWriter
{
    public static string Render(SimulatedCluster cluster, string baseUrl, string? certificateAuthority) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {cluster.Name}
          cluster:
            server: {ServerUrl(cluster, baseUrl)}{(baseUrl.StartsWith("https", StringComparison.Ordinal) && certificateAuthority is not null ? "\n    certificate-authority-data: " + certificateAuthority : "")}
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

    public static string ServerUrl(SimulatedCluster cluster, string baseUrl) => $"{baseUrl.TrimEnd('/')}/clusters/{cluster.Name}";

    public static string Write(SimulatedCluster cluster, string baseUrl, string? certificateAuthority, string directory)
    {
        PrivateFile.CreateFolder(directory);
        var path = Path.Combine(directory, cluster.Name + ".kubeconfig");
        PrivateFile.Write(path, Render(cluster, baseUrl, certificateAuthority));
        return path;
    }
}
