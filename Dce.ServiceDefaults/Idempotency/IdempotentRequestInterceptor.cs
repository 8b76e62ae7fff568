using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>
/// Adds the request's <see cref="IdempotentRequest"/> to its first SaveChanges, so the record commits or rolls back
/// with the effect; a duplicate key then fails that whole save on the primary key.
/// </summary>
internal sealed class IdempotentRequestInterceptor : SaveChangesInterceptor
{
    private const string UniqueViolation = "23505";

    public static IdempotentRequestInterceptor Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Carry(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Carry(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Failed(eventData);
        return Task.CompletedTask;
    }

    private static void Carry(DbContext? context)
    {
        if (IdempotencyScope.Current is not { Recorded: false } scope || context is null
            || (scope.Carrier is not null && scope.Carrier != context)
            || context.Model.FindEntityType(typeof(IdempotentRequest)) is null)
        {
            return;
        }

        scope.Carrier = context;
        if (context.Entry(scope.Record).State == EntityState.Detached)
        {
            context.Add(scope.Record);
        }
    }

    private static void Saved(DbContext? context)
    {
        if (IdempotencyScope.Current is { } scope && context is not null && scope.Carrier == context)
        {
            scope.Recorded = true;
        }
    }

    private static void Failed(DbContextErrorEventData eventData)
    {
        if (IdempotencyScope.Current is { } scope && eventData.Context is not null && scope.Carrier == eventData.Context
            && eventData.Exception is DbUpdateException { InnerException: DbException { SqlState: UniqueViolation } })
        {
            scope.Collided = true;
        }
    }
}
