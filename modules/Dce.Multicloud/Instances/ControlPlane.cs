using k8s;

namespace Dce.Multicloud.Instances;

/// <summary>One Karmada control plane: its settings and a client of its API server, with the platform's credential.</summary>
internal sealed record ControlPlane(InstanceOptions Options, IKubernetes Client)
{
    public string Name => Options.Name;
}
