using System.Text;
using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>
/// Serves the local gateway over HTTPS as well as HTTP, with the platform's <see cref="GatewayCertificate"/>: clients
/// such as kubectl send tokens only over TLS. Once the HTTPS address is known, the platform writes
/// <c>&lt;state&gt;/kubeconfigs/cluster-search.yaml</c>, a kubeconfig for Cluster Search's Kubernetes-shaped API that
/// trusts that certificate; the user puts an access key of their own in place of its placeholder token (kubectl would
/// otherwise prompt for a password).
/// </summary>
public static class GatewayHttps
{
    public const string EndpointName = "https";
    public const int Port = 5443;
    public const string KubeconfigFile = "cluster-search.yaml";

    /// <summary>The path Cluster Search serves every cluster's objects under, as one cluster's API.</summary>
    public const string SearchPath = "/apis/clusterpedia.io/v1beta1/resources";

    /// <summary>Where the kubeconfig for Cluster Search is written.</summary>
    public static string KubeconfigPath(IDistributedApplicationBuilder builder) =>
        Path.Combine(StateFolder.Of(builder), "kubeconfigs", KubeconfigFile);

    /// <summary>
    /// Adds the HTTPS endpoint to the gateway when it runs as one process here; replicas sit behind the high-availability
    /// entry, which serves HTTP, and a published platform terminates TLS at its ingress.
    /// </summary>
    public static void ServeGatewayOverHttps(this IDistributedApplicationBuilder builder, ModuleReplicas gateway)
    {
        if (!builder.ExecutionContext.IsRunMode || !gateway.Set.IsSingle)
        {
            return;
        }

        var certificate = GatewayCertificate.LoadOrCreate(Path.Combine(StateFolder.Of(builder), "gateway"));
        var primary = gateway.Primary
            .WithHttpsEndpoint(port: Port, name: EndpointName)
            .WithEnvironment("Kestrel__Certificates__Default__Path", certificate.CertificatePath)
            .WithEnvironment("Kestrel__Certificates__Default__KeyPath", certificate.KeyPath);
        var kubeconfig = KubeconfigPath(builder);
        primary.WithAnnotation(new SearchKubeconfigAnnotation(kubeconfig));
        builder.Eventing.Subscribe<ResourceEndpointsAllocatedEvent>(primary.Resource, (_, _) =>
        {
            var address = primary.GetEndpoint(EndpointName).Url;
            Directory.CreateDirectory(Path.GetDirectoryName(kubeconfig)!);
            File.WriteAllText(kubeconfig, Kubeconfig(address, certificate.Pem));
            return Task.CompletedTask;
        });
    }

    private static string Kubeconfig(string address, string certificatePem)
    {
        var authority = Convert.ToBase64String(Encoding.ASCII.GetBytes(certificatePem));
        return $"""
            # Cluster Search: every joined cluster's objects as one cluster's API (kubectl get deployments -A).
            # Add an access key of yours (Global Management: current user, access keys) as the token:
            #   kubectl --kubeconfig {KubeconfigFile} config set-credentials dce --token=dcek_...
            # One cluster only: kubectl --server {address}{SearchPath}/clusters/<cluster> ...
            apiVersion: v1
            kind: Config
            clusters:
            - name: dce-cluster-search
              cluster:
                server: {address}{SearchPath}
                certificate-authority-data: {authority}
            users:
            - name: dce
              user:
                token: replace-with-an-access-key
            contexts:
            - name: dce-cluster-search
              context:
                cluster: dce-cluster-search
                user: dce
            current-context: dce-cluster-search

            """;
    }
}

/// <summary>Where the platform writes the kubeconfig for Cluster Search through this gateway.</summary>
public sealed record SearchKubeconfigAnnotation(string Path) : IResourceAnnotation;
