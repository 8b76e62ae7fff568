using Dce.ContainerManagement.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.ServiceDefaults.Idempotency;

namespace Dce.ContainerManagement.Auditing;

/// <summary>
/// The audit event of the current mutating call and the integration events it raised. A handler that changes the
/// module's database saves through <see cref="SaveChangesAsync"/>, so its change, its audit and its events commit
/// together; for changes made in a cluster, <see cref="MutationFilter"/> writes them once the call has answered
/// (events only when it succeeded).
/// </summary>
public sealed class MutationRecord(IServiceScopeFactory scopes)
{
    public const string Module = "kpanda";
    private readonly List<IntegrationEvent> _events = [];
    private AuditRecorded? _pending;
    private bool _written;

    /// <summary>Names the resource the call acted on, e.g. <c>cluster/namespace/name</c>.</summary>
    public void Describe(string resourceName)
    {
        if (_pending is not null)
        {
            _pending = _pending with { ResourceName = resourceName.Length > 256 ? resourceName[..256] : resourceName };
        }
    }

    /// <summary>Raises an integration event, published when the call succeeds.</summary>
    public void Raise(IntegrationEvent integrationEvent) => _events.Add(integrationEvent);

    /// <summary>Saves the handler's database change with the audit and events of this call in one transaction.</summary>
    public async Task SaveChangesAsync(ContainerManagementDbContext db, IIntegrationEventOutbox outbox, CancellationToken cancellationToken)
    {
        Stage(outbox, StatusCodes.Status200OK);
        await db.SaveChangesAsync(cancellationToken);
        _written = _pending is not null;
    }

    internal void Begin(HttpContext http, string action, string resourceType)
    {
        var parts = new[] { "cluster", "namespace", "name", "node" }
            .Select(key => http.Request.RouteValues[key]?.ToString())
            .Where(part => !string.IsNullOrEmpty(part));
        var name = string.Join('/', parts);
        _pending = AuditRecorded.For(http, Module, action, resourceType, name.Length == 0 ? null : name, null, StatusCodes.Status200OK);
        _written = false;
    }

    internal async Task WriteOutcomeAsync(int statusCode)
    {
        if (_pending is null || _written)
        {
            return;
        }

        using var unclaimed = statusCode >= StatusCodes.Status500InternalServerError ? IdempotencyKeyClaim.Withhold() : null;
        await using var scope = scopes.CreateAsyncScope();
        Stage(scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>(), statusCode);
        await scope.ServiceProvider.GetRequiredService<ContainerManagementDbContext>().SaveChangesAsync(CancellationToken.None);
        _written = true;
    }

    private void Stage(IIntegrationEventOutbox outbox, int statusCode)
    {
        if (_pending is not null)
        {
            outbox.Add(_pending with { StatusCode = statusCode, Succeeded = statusCode < 400 });
        }

        if (statusCode < 400)
        {
            foreach (var integrationEvent in _events)
            {
                outbox.Add(integrationEvent);
            }
        }

        _events.Clear();
    }
}
