using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Policies;
using Dce.Multicloud.Propagation.Members;
using k8s;

namespace Dce.Multicloud.Apis.Members;

/// <summary>
/// A client of one member cluster, opened with the credentials its join left in the control plane
/// (<see cref="MemberCredentials"/>), checked by the platform's kubeconfig loader and outbound policy like any other.
/// </summary>
internal static class MemberConnection
{
    private static readonly ResourceKind Secrets = new("", "v1", "secrets", "Secret");

    public static async Task<IKubernetes> OpenAsync(ControlPlane plane, KubeconfigLoader loader, string cluster, CancellationToken cancellationToken)
    {
        var member = await ResourceClient.GetAsync(plane.Client, MemberClusters.Kind, null, cluster, cancellationToken);
        var (secretNamespace, secretName) = MemberCredentials.SecretOf(cluster, member);
        var secret = await ResourceClient.GetAsync(plane.Client, Secrets, secretNamespace, secretName, cancellationToken);
        var kubeconfig = MemberCredentials.Kubeconfig(cluster, member, secret)
            ?? throw new KeyNotFoundException($"Member {cluster} of instance {plane.Name} has no credentials; join it again.");
        if (!loader.TryLoad(kubeconfig, out var loaded, out var refusal))
        {
            throw new InstanceUnavailableException($"Member {cluster} of instance {plane.Name} cannot be reached: {refusal}");
        }

        return new k8s.Kubernetes(loaded.Configuration);
    }
}
