using Dce.ContainerManagement.Model;
using Dce.Kubernetes.Errors;
using Dce.Kubernetes.Kubeconfigs;
using k8s;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Validates a kubeconfig the only way that proves it: by asking the cluster for its version with it.</summary>
public sealed class KubeconfigConnector(KubeconfigLoader loader)
{
    public async Task<(KubeconfigCheck? Check, string? Error)> CheckAsync(string? kubeconfig, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!loader.TryLoad(kubeconfig, out var loaded, out var error))
        {
            return (null, error);
        }

        var configuration = loaded.Configuration;
        configuration.HttpClientTimeout = timeout;
        using var client = new k8s.Kubernetes(configuration);
        try
        {
            var version = await client.Version.GetCodeAsync(cancellationToken);
            return (new KubeconfigCheck(configuration.Host, version.GitVersion), null);
        }
        catch (Exception exception) when (ClusterFailure.TryDescribe(exception, out var phase, out var message) && !cancellationToken.IsCancellationRequested)
        {
            return (null, phase == ClusterPhase.Failed && ConnectionFailures.IsRefusedByPolicy(exception)
                ? $"{loaded.ServerField}: {message}"
                : $"The cluster at {configuration.Host} could not be reached with this kubeconfig. {message}");
        }
    }

    /// <summary>A client for a kubeconfig <see cref="CheckAsync"/> accepted; the caller disposes it.</summary>
    public k8s.Kubernetes Client(string kubeconfig, TimeSpan timeout)
    {
        if (!loader.TryLoad(kubeconfig, out var loaded, out var error))
        {
            throw new ArgumentException(error, nameof(kubeconfig));
        }

        loaded.Configuration.HttpClientTimeout = timeout;
        return new k8s.Kubernetes(loaded.Configuration);
    }
}
