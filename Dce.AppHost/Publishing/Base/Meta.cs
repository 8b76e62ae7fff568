using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>Object metadata; the namespace is left to kustomize (<c>namespace:</c> in the base kustomization).</summary>
public static class Meta
{
    /// <summary>Metadata named <paramref name="name"/> with the labels of workload <paramref name="workload"/>.</summary>
    public static V1ObjectMeta Of(string name, string workload, string component) => new()
    {
        Name = name,
        Labels = PlatformLabels.For(workload, component),
    };
}
