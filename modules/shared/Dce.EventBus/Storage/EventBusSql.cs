using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dce.EventBus.Storage;

/// <summary>The statements EF Core cannot express: row locking for the relay and a conflict-free inbox insert.</summary>
internal sealed class EventBusSql
{
    private EventBusSql(string lockUnpublished, string insertInbox)
    {
        LockUnpublished = lockUnpublished;
        InsertInbox = insertInbox;
    }

    /// <summary>Locks the oldest unpublished rows; rows another relay holds are skipped, so no row is published twice at once. Parameter: batch size.</summary>
    public string LockUnpublished { get; }

    /// <summary>Records a message for a consumer; affects no row when it was already recorded. Parameters: id, consumer, name, time.</summary>
    public string InsertInbox { get; }

    public static EventBusSql For(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var outbox = TableOf<OutboxMessage>(db, sql);
        var inbox = TableOf<InboxMessage>(db, sql);
        return new EventBusSql(
            $"SELECT * FROM {outbox} WHERE published_at IS NULL ORDER BY sequence LIMIT {{0}} FOR UPDATE SKIP LOCKED",
            $"INSERT INTO {inbox} (message_id, consumer, event_name, processed_at) VALUES ({{0}}, {{1}}, {{2}}, {{3}}) ON CONFLICT DO NOTHING");
    }

    private static string TableOf<TEntity>(DbContext db, ISqlGenerationHelper sql)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException(
                $"{db.GetType().Name} has no event bus tables: call modelBuilder.AddEventBusTables() in OnModelCreating.");
        return sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
    }
}
