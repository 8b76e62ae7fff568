namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>Which of the generic operations DCE publishes for a kind.</summary>
[Flags]
public enum ResourceRoutes
{
    None = 0,

    /// <summary><c>GET .../namespaces/{namespace}/{kind}</c>, or <c>GET /clusters/{cluster}/{kind}</c> for a cluster-scoped kind.</summary>
    List = 1,

    /// <summary><c>GET /clusters/{cluster}/{kind}</c> for a namespaced kind: every namespace the caller may see.</summary>
    ListInCluster = 2,
    Get = 4,

    /// <summary><c>GET .../{name}/json</c>: the object as the cluster holds it, in <c>data</c>.</summary>
    Json = 8,

    /// <summary><c>POST</c> of <c>{"data": "&lt;YAML or JSON&gt;"}</c>.</summary>
    Create = 16,

    /// <summary><c>PUT .../{name}</c> of <c>{"data": ...}</c>: replaces the object.</summary>
    Update = 32,

    /// <summary><c>PATCH .../{name}</c> of <c>{"data": "&lt;patch&gt;"}</c>.</summary>
    Patch = 64,
    Delete = 128,

    /// <summary><c>GET /asl/{kind}</c>: every cluster the caller may see.</summary>
    ListAcrossClusters = 256,

    Crud = List | Get | Json | Create | Update | Delete,
}
