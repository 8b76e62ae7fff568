using System.Security.Claims;
using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;

namespace Dce.GlobalManagement.Services.Audit;

/// <summary>
/// The audit record of the current mutating call. A handler saves its change through <see cref="SaveChangesAsync"/>
/// so the record commits in the same transaction; a call that changed nothing is recorded as failed by <see cref="AuditFilter"/>.
/// </summary>
public sealed class AuditTrail(IServiceScopeFactory scopes, TimeProvider time)
{
    private AuditRecord? _pending;

    public bool IsWritten { get; private set; }

    internal void Begin(HttpContext http, string action, string resourceType)
    {
        _pending = new AuditRecord
        {
            EventId = Guid.NewGuid(),
            OccurredAt = time.GetUtcNow(),
            Module = "ghippo",
            Actor = http.User.FindFirstValue("preferred_username") ?? "anonymous",
            ActorId = http.User.FindFirstValue("sub"),
            Action = action,
            ResourceType = resourceType,
            ResourceName = RouteValue(http, "name") ?? RouteValue(http, "id") ?? RouteValue(http, "folderId") ?? RouteValue(http, "workspaceId"),
            WorkspaceId = int.TryParse(RouteValue(http, "workspaceId"), out var workspace) ? workspace : null,
            ClientIp = http.Connection.RemoteIpAddress?.ToString(),
        };
        IsWritten = false;
    }

    /// <summary>Names the resource the call acted on.</summary>
    public void Describe(string resourceName, int? workspaceId = null)
    {
        if (_pending is null)
        {
            return;
        }

        _pending.ResourceName = resourceName.Length > 256 ? resourceName[..256] : resourceName;
        _pending.WorkspaceId = workspaceId ?? _pending.WorkspaceId;
    }

    /// <summary>Names who acted when the call carries no token (sign-in).</summary>
    public void ActAs(string actor, Guid? actorId)
    {
        if (_pending is not null)
        {
            _pending.Actor = actor.Length > 63 ? actor[..63] : actor;
            _pending.ActorId = actorId?.ToString();
        }
    }

    /// <summary>Saves the handler's change and, when this call is audited, its successful audit record in one transaction.</summary>
    public async Task SaveChangesAsync(GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        if (_pending is null || IsWritten)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var record = Complete(_pending, StatusCodes.Status200OK);
        var entry = db.AuditRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            IsWritten = true;
        }
        catch
        {
            entry.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            throw;
        }
    }

    /// <summary>Records the outcome of a call whose handler did not save through <see cref="SaveChangesAsync"/>.</summary>
    internal async Task WriteOutcomeAsync(int statusCode)
    {
        if (_pending is null || IsWritten)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>();
        db.AuditRecords.Add(Complete(_pending, statusCode));
        await db.SaveChangesAsync(CancellationToken.None);
        IsWritten = true;
    }

    private static AuditRecord Complete(AuditRecord pending, int statusCode) => new()
    {
        EventId = pending.EventId,
        OccurredAt = pending.OccurredAt,
        Module = pending.Module,
        Actor = pending.Actor,
        ActorId = pending.ActorId,
        Action = pending.Action,
        ResourceType = pending.ResourceType,
        ResourceName = pending.ResourceName,
        WorkspaceId = pending.WorkspaceId,
        ClientIp = pending.ClientIp,
        StatusCode = statusCode,
        Succeeded = statusCode < 400,
    };

    private static string? RouteValue(HttpContext http, string name) => http.Request.RouteValues[name]?.ToString();
}
