using Dce.EventBus;
using Microsoft.AspNetCore.Http;

namespace Dce.Platform.Contracts.IntegrationEvents;

/// <summary>
/// One mutating call of any module — who, what, which resource, which workspace, the result, from where and when
/// (<see cref="IntegrationEvent.OccurredAt"/>). Modules add it to their outbox with the change it describes; Global
/// Management stores it in the audit log.
/// </summary>
[IntegrationEventName("audit.recorded")]
public sealed record AuditRecorded(
    string Module,
    string Actor,
    string? ActorId,
    string Action,
    string ResourceType,
    string? ResourceName,
    int? WorkspaceId,
    bool Succeeded,
    int StatusCode,
    string? ClientIp) : IntegrationEvent
{
    /// <summary>The record of the current request: the actor from its token, the client address from its connection.</summary>
    public static AuditRecorded For(HttpContext http, string module, string action, string resourceType, string? resourceName, int? workspaceId, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new AuditRecorded(
            module,
            http.User.FindFirst("preferred_username")?.Value ?? "anonymous",
            http.User.FindFirst("sub")?.Value,
            action,
            resourceType,
            resourceName,
            workspaceId,
            statusCode < 400,
            statusCode,
            http.Connection.RemoteIpAddress?.ToString());
    }
}
