using Dce.EventBus;
using Dce.GlobalManagement.Infrastructure;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.ServiceDefaults.Idempotency;

namespace Dce.GlobalManagement.Services.Audit;

/// <summary>
/// The audit event of the current mutating call. A handler saves its change through <see cref="SaveChangesAsync"/>
/// so the event enters the outbox in the same transaction; a call that changed nothing is recorded by
/// <see cref="AuditFilter"/> with its failure status.
/// </summary>
public sealed class AuditTrail(IIntegrationEventOutbox outbox, IServiceScopeFactory scopes)
{
    public const string Module = "ghippo";
    private AuditRecorded? _pending;

    public bool IsWritten { get; private set; }

    internal void Begin(HttpContext http, string action, string resourceType)
    {
        var resourceName = RouteValue(http, "name") ?? RouteValue(http, "id") ?? RouteValue(http, "folderId") ?? RouteValue(http, "workspaceId");
        int? workspaceId = int.TryParse(RouteValue(http, "workspaceId"), out var workspace) ? workspace : null;
        _pending = AuditRecorded.For(http, Module, action, resourceType, resourceName, workspaceId, StatusCodes.Status200OK);
        IsWritten = false;
    }

    /// <summary>Names the resource the call acted on.</summary>
    public void Describe(string resourceName, int? workspaceId = null)
    {
        if (_pending is not null)
        {
            _pending = _pending with { ResourceName = Bounded(resourceName, 256), WorkspaceId = workspaceId ?? _pending.WorkspaceId };
        }
    }

    /// <summary>Names who acted when the call carries no token (sign-in).</summary>
    public void ActAs(string actor, Guid? actorId)
    {
        if (_pending is not null)
        {
            _pending = _pending with { Actor = Bounded(actor, 63), ActorId = actorId?.ToString() };
        }
    }

    /// <summary>Saves the handler's change and, when this call is audited, its audit event in one transaction.</summary>
    public async Task SaveChangesAsync(GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        if (_pending is not null && !IsWritten)
        {
            outbox.Add(_pending);
        }

        await db.SaveChangesAsync(cancellationToken);
        IsWritten = _pending is not null;
    }

    /// <summary>Records the outcome of a call whose handler did not save through <see cref="SaveChangesAsync"/>.</summary>
    internal async Task WriteOutcomeAsync(int statusCode)
    {
        if (_pending is null || IsWritten)
        {
            return;
        }

        using var unclaimed = statusCode >= StatusCodes.Status500InternalServerError ? IdempotencyKeyClaim.Withhold() : null;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(_pending with { StatusCode = statusCode, Succeeded = statusCode < 400 });
        await scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>().SaveChangesAsync(CancellationToken.None);
        IsWritten = true;
    }

    private static string Bounded(string text, int length) => text.Length > length ? text[..length] : text;

    private static string? RouteValue(HttpContext http, string name) => http.Request.RouteValues[name]?.ToString();
}
