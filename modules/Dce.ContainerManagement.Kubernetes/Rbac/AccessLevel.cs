namespace Dce.ContainerManagement.Kubernetes.Rbac;

/// <summary>
/// DCE's four roles on clusters and namespaces, from least to most, each with the Kubernetes ClusterRole that grants
/// the same in the cluster (the ones kube-apiserver's bootstrap policy creates).
/// </summary>
public enum AccessLevel
{
    None = 0,
    Viewer = 1,
    Editor = 2,
    Admin = 3,
    ClusterAdmin = 4,
}

public static class AccessLevels
{
    /// <summary>The Kubernetes ClusterRole granting <paramref name="level"/>.</summary>
    public static string ClusterRole(this AccessLevel level) => level switch
    {
        AccessLevel.Viewer => "view",
        AccessLevel.Editor => "edit",
        AccessLevel.Admin => "admin",
        AccessLevel.ClusterAdmin => "cluster-admin",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "No ClusterRole grants nothing."),
    };

    /// <summary>DCE's name of <paramref name="level"/>.</summary>
    public static string DceRole(this AccessLevel level) => level switch
    {
        AccessLevel.Viewer => "ns-viewer",
        AccessLevel.Editor => "ns-editor",
        AccessLevel.Admin => "ns-admin",
        AccessLevel.ClusterAdmin => "cluster-admin",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "No DCE role grants nothing."),
    };

    /// <summary>DCE's role templates, each the Kubernetes ClusterRole it binds: DCE's names are accepted as role references.</summary>
    public static IReadOnlyDictionary<string, string> Templates { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["cluster-admin"] = "cluster-admin",
        ["ns-admin"] = "admin",
        ["ns-editor"] = "edit",
        ["ns-viewer"] = "view",
    };
}
