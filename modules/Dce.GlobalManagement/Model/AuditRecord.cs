namespace Dce.GlobalManagement.Model;

/// <summary>One mutating call: who did what to which resource, where, from where, and whether it succeeded.</summary>
public sealed class AuditRecord
{
    public long Id { get; set; }

    /// <summary>Identity of the event, so a record delivered twice is stored once.</summary>
    public Guid EventId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Module { get; set; }
    public required string Actor { get; set; }
    public string? ActorId { get; set; }
    public required string Action { get; set; }
    public required string ResourceType { get; set; }
    public string? ResourceName { get; set; }
    public int? WorkspaceId { get; set; }
    public bool Succeeded { get; set; }
    public int StatusCode { get; set; }
    public string? ClientIp { get; set; }
}
