namespace Dce.ServiceDefaults.Authorization;

/// <summary>
/// The Redis counter Global Management bumps whenever roles, bindings, memberships or the folder tree change.
/// Cached authorization answers carry it in their key, so on the platform's shared Redis one change makes every
/// module's cached answers stale at once.
/// </summary>
public static class AccessGeneration
{
    /// <summary>The counter's key.</summary>
    public const string Key = "ghippo:authz:generation";
}
