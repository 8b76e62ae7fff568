using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Multicloud;

/// <summary>Multicloud Management's API paths and the names its permission checks use.</summary>
public static class Kairship
{
    public const string Module = "kairship";
    public const string V1 = "/apis/kairship.io/v1alpha1";
    public const string Instances = V1 + "/instances?pageSize=1000";
    public const string KpandaClusters = V1 + "/kpanda-clusters?pageSize=1000";

    public static string Instance(string instance) => $"{V1}/instances/{Uri.EscapeDataString(instance)}";

    public static string Namespace(string instance, string ns) => $"{Instance(instance)}/namespaces/{Uri.EscapeDataString(ns)}";

    public static string Member(string instance, string cluster) => $"{Instance(instance)}/clusters/{Uri.EscapeDataString(cluster)}";

    /// <summary>
    /// May the user do <paramref name="action"/> on <paramref name="resourceType"/> in an instance? A platform grant reaches
    /// every instance; otherwise the roles of the workspace the user works in, which apply where that workspace is bound.
    /// </summary>
    public static async Task<bool> MayAsync(Permissions permissions, WorkspaceContext workspace, string resourceType, string action) =>
        await permissions.CanAsync(Module, resourceType, action)
        || (workspace.Current is { } current && await permissions.CanAsync(Module, resourceType, action, workspaceId: current.Id));
}
