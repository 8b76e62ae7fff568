namespace Dce.Platform.Contracts.Authorization;

/// <summary>The one authorization question: may the caller do <paramref name="Action"/> on <paramref name="ResourceType"/> in the workspace (or on the platform when none)?</summary>
public sealed record WorkspaceAccessRequest(string Action, string ResourceType, int? WorkspaceId);

/// <summary>Asks Global Management whether the caller holding <c>bearerToken</c> may do something, for any module.</summary>
public interface IWorkspaceAuthorizer
{
    /// <summary>
    /// True when allowed. <paramref name="subject"/> (the token's <c>sub</c>) keys the cache; <paramref name="bearerToken"/>
    /// is forwarded so Global Management answers for that caller. Throws <see cref="HttpRequestException"/> when Global
    /// Management cannot be reached, so callers fail closed.
    /// </summary>
    Task<bool> IsAllowedAsync(string subject, string bearerToken, WorkspaceAccessRequest request, CancellationToken cancellationToken);
}
