using System.Text;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Instances;
using k8s;

namespace Dce.Multicloud.Apis.Members;

/// <summary>
/// A client of one member cluster, opened with the credentials its join left in the control plane (the Secret
/// <c>karmada-cluster/&lt;cluster&gt;</c>), checked by the platform's kubeconfig loader and outbound policy like any other.
/// </summary>
internal static class MemberConnection
{
    private static readonly ResourceKind Secrets = new("", "v1", "secrets", "Secret");

    public static async Task<IKubernetes> OpenAsync(ControlPlane plane, KubeconfigLoader loader, string cluster, CancellationToken cancellationToken)
    {
        var secret = await ResourceClient.GetAsync(plane.Client, Secrets, MemberObjects.SecretNamespace, cluster, cancellationToken);
        var encoded = secret["data"]?["kubeconfig"]?.GetValue<string>()
            ?? throw new KeyNotFoundException($"Member {cluster} of instance {plane.Name} has no credentials; join it again.");
        if (!loader.TryLoad(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)), out var loaded, out var refusal))
        {
            throw new InstanceUnavailableException($"Member {cluster} of instance {plane.Name} cannot be reached: {refusal}");
        }

        return new k8s.Kubernetes(loaded.Configuration);
    }
}
