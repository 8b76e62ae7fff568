using Microsoft.EntityFrameworkCore;

namespace Dce.Coordination;

/// <summary>
/// A critical section across replicas for one-off work such as start-up seeding: a transaction holding
/// <c>pg_advisory_xact_lock</c>, so a second replica waits, then sees what the first committed.
/// </summary>
public static class AdvisoryTransactionLock
{
    /// <summary>
    /// Runs <paramref name="work"/> in a transaction under the lock named <paramref name="name"/>; it may run again from the
    /// start when the database's execution strategy retries, so it reads what it needs inside.
    /// </summary>
    public static Task<T> RunAsync<T>(DbContext db, string name, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var key = AdvisoryLockKey.For(name);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", token);
            var result = await work(token);
            await transaction.CommitAsync(token);
            return result;
        }, cancellationToken);
    }

    public static Task RunAsync(DbContext db, string name, Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        RunAsync(db, name, async token =>
        {
            await work(token);
            return true;
        }, cancellationToken);
}
