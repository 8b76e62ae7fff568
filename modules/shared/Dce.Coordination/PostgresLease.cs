using Npgsql;

namespace Dce.Coordination;

/// <summary>
/// A session-level advisory lock held on a dedicated, unpooled connection: when the holder dies its connection drops and
/// PostgreSQL frees the lock, so another replica can take it.
/// </summary>
public sealed class PostgresLease(string connectionString, string name) : IAsyncDisposable
{
    private readonly long _key = AdvisoryLockKey.For(name);
    private NpgsqlConnection? _connection;

    public string Name { get; } = name;

    /// <summary>The server process holding the lock for this replica, while held.</summary>
    public int? BackendProcessId => _connection?.ProcessID;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await ReleaseAsync();
        // Pooling would hand the connection, and the lock with it, back to the pool instead of closing it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = _key } } };
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                _connection = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Whether the lock's connection still answers: a session lock lives exactly as long as its connection.</summary>
    public async Task<bool> StillHeldAsync(CancellationToken cancellationToken)
    {
        if (_connection is not { } connection)
        {
            return false;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception failure) when (failure is NpgsqlException or InvalidOperationException)
        {
            await ReleaseAsync();
            return false;
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync());

    private async Task ReleaseAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            // Closing an unpooled connection ends the session, which frees the lock.
            await connection.DisposeAsync();
        }
    }
}
