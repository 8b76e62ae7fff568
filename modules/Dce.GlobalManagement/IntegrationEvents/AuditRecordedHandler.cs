using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.GlobalManagement.IntegrationEvents;

/// <summary>Stores the audit event of any module in the audit log; the bus's inbox makes a redelivery a no-op.</summary>
public sealed class AuditRecordedHandler(GlobalManagementDbContext db) : IIntegrationEventHandler<AuditRecorded>
{
    public Task HandleAsync(AuditRecorded integrationEvent, CancellationToken cancellationToken)
    {
        db.AuditRecords.Add(new AuditRecord
        {
            EventId = integrationEvent.Id,
            OccurredAt = integrationEvent.OccurredAt,
            Module = Bounded(integrationEvent.Module, 63),
            Actor = Bounded(integrationEvent.Actor, 63),
            ActorId = integrationEvent.ActorId is { } id ? Bounded(id, 64) : null,
            Action = Bounded(integrationEvent.Action, 63),
            ResourceType = Bounded(integrationEvent.ResourceType, 63),
            ResourceName = integrationEvent.ResourceName is { } name ? Bounded(name, 256) : null,
            WorkspaceId = integrationEvent.WorkspaceId,
            Succeeded = integrationEvent.Succeeded,
            StatusCode = integrationEvent.StatusCode,
            ClientIp = integrationEvent.ClientIp is { } ip ? Bounded(ip, 64) : null,
        });
        return Task.CompletedTask;
    }

    private static string Bounded(string text, int length) => text.Length > length ? text[..length] : text;
}
