using Microsoft.EntityFrameworkCore;

namespace Dce.EventBus.Storage;

/// <summary>Maps the outbox and inbox tables into a module's DbContext.</summary>
public static class EventBusModelBuilderExtensions
{
    internal const string OutboxTable = "event_bus_outbox";
    internal const string InboxTable = "event_bus_inbox";

    /// <summary>Adds <c>event_bus_outbox</c> and <c>event_bus_inbox</c>; call it from <c>OnModelCreating</c>.</summary>
    public static ModelBuilder AddEventBusTables(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).HasColumnName("sequence").UseIdentityAlwaysColumn();
            outbox.Property(m => m.EventId).HasColumnName("event_id");
            outbox.Property(m => m.EventName).HasColumnName("event_name").HasMaxLength(200);
            outbox.Property(m => m.Payload).HasColumnName("payload");
            outbox.Property(m => m.OccurredAt).HasColumnName("occurred_at");
            outbox.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            outbox.Property(m => m.PublishedAt).HasColumnName("published_at");
            outbox.Property(m => m.FailedAttempts).HasColumnName("failed_attempts");
            outbox.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.HasIndex(m => m.Sequence).HasFilter("published_at IS NULL").HasDatabaseName("ix_event_bus_outbox_unpublished");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            inbox.Property(m => m.EventName).HasColumnName("event_name").HasMaxLength(200);
            inbox.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        });

        return modelBuilder;
    }
}
