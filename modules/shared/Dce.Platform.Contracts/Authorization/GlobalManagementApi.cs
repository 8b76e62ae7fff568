namespace Dce.Platform.Contracts.Authorization;

/// <summary>What modules rely on of Global Management when they ask their authorization questions.</summary>
public static class GlobalManagementApi
{
    /// <summary>May the caller do an action (on the platform, in a workspace, a cluster or a namespace)?</summary>
    public const string CheckPath = "/apis/ghippo.io/v1alpha1/authorization:check";

    /// <summary>Where may the caller do an action?</summary>
    public const string ScopePath = "/apis/ghippo.io/v1alpha1/authorization:scope";

    /// <summary>
    /// The Redis counter Global Management bumps whenever roles, bindings, memberships or the folder tree change.
    /// Cached authorization answers carry it in their key, so on the platform's shared Redis one change makes every
    /// module's cached answers stale at once.
    /// </summary>
    public const string AccessGenerationKey = "ghippo:authz:generation";
}
