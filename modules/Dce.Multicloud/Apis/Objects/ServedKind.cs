using Dce.Kubernetes.Resources;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>
/// A kind the instance API serves at <c>…/{Segment}</c>: its Kubernetes kind in the control plane, the resource type its
/// permissions name, and the property DCE wraps a single object in (none: the object is the answer).
/// </summary>
internal sealed record ServedKind(string Segment, ResourceKind Kind, string? Wrapper = null, bool HidesValues = false)
{
    public string ResourceType => Segment;

    public bool Namespaced => Kind.Namespaced;

    /// <summary>Karmada's policies, which the control plane's engine acts on and are checked as Karmada's webhook does.</summary>
    public bool IsPolicy => Kind.Group == "policy.karmada.io";
}
