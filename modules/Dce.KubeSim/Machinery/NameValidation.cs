using Dce.Kubernetes.Names;

namespace Dce.KubeSim.Machinery;

/// <summary>Which name rule the API server applies to which resource: RFC 1123 subdomains for most objects, labels for some.</summary>
public static class NameValidation
{
    private static readonly HashSet<string> LabelNamed = new(StringComparer.Ordinal) { "namespaces", "services" };

    public static string? Problem(ResourceType type, string name)
    {
        if (name.Length == 0)
        {
            return null;
        }
        if (type.IsCustom || type.Plural is "nodes" or "customresourcedefinitions" || type.Group == "rbac.authorization.k8s.io")
        {
            return name.Contains('/', StringComparison.Ordinal) || name is "." or ".." ? "may not contain '/'" : null;
        }
        if (LabelNamed.Contains(type.Plural))
        {
            return KubernetesNames.IsLabel(name) ? null : KubernetesNames.LabelMessage;
        }
        return KubernetesNames.IsSubdomain(name) ? null : KubernetesNames.SubdomainMessage;
    }
}
