using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Dce.EventBus.Storage;

/// <summary>The statements EF Core cannot express: row locking for the relay and a conflict-free inbox insert.</summary>
internal sealed class EventBusSql
{
    private EventBusSql(string lockUnpublished, string insertInbox, string outboxTable)
    {
        LockUnpublished = lockUnpublished;
        InsertInbox = insertInbox;
        OutboxTable = outboxTable;
    }

    /// <summary>
    /// Takes the outbox's relay lock until the transaction ends, or returns false when another relay holds it: one
    /// relay publishes at a time, so events leave in outbox order. Parameter: the outbox table's name.
    /// </summary>
    public const string TryLockRelay = "SELECT pg_try_advisory_xact_lock(hashtext({0})) AS \"Value\"";

    /// <summary>The outbox's delimited table name, which also names its relay lock.</summary>
    public string OutboxTable { get; }

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
            $"INSERT INTO {inbox} (message_id, consumer, event_name, processed_at) VALUES ({{0}}, {{1}}, {{2}}, {{3}}) ON CONFLICT DO NOTHING",
            outbox);
    }

    private static string TableOf<TEntity>(DbContext db, ISqlGenerationHelper sql)
    {
        var entity = db.Model.FindEntityType(typeof(TEntity))
            ?? throw new InvalidOperationException(
                $"{db.GetType().Name} has no event bus tables: call modelBuilder.AddEventBusTables() in OnModelCreating.");
        return sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
    }
}
