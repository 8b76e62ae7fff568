using Dce.ContainerManagement.Model;
using k8s;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Validates a kubeconfig the only way that proves it: by asking the cluster for its version with it.</summary>
public static class KubeconfigConnector
{
    public static async Task<(KubeconfigCheck? Check, string? Error)> CheckAsync(string? kubeconfig, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!KubeconfigReader.TryRead(kubeconfig, out var configuration, out var error))
        {
            return (null, error);
        }

        configuration.HttpClientTimeout = timeout;
        using var client = new k8s.Kubernetes(configuration);
        try
        {
            var version = await client.Version.GetCodeAsync(cancellationToken);
            return (new KubeconfigCheck(configuration.Host, version.GitVersion), null);
        }
        catch (Exception exception) when (ClusterFailure.TryDescribe(exception, out _, out var message) && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"The cluster at {configuration.Host} could not be reached with this kubeconfig. {message}");
        }
    }
}
