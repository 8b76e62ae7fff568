using Dce.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dce.Coordination.Tests;

public sealed class SingletonWorkTests
{
    [Fact]
    public async Task Only_the_lease_holder_works_and_another_replica_takes_over_when_its_connection_is_killed()
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var database = await postgres.CreateDatabaseAsync("coordination_lease");
        var lease = $"lease-{Guid.NewGuid():N}";
        var running = new Replicas();
        using var stopping = new CancellationTokenSource();
        var runners = new[] { "a", "b" }.Select(replica => Task.Run(() =>
            new SingletonWork(Options.Create(Rings.Fast), TimeProvider.System, NullLogger<SingletonWork>.Instance)
                .RunAsync(database, lease, token => running.WorkAsync(replica, token), stopping.Token))).ToArray();
        try
        {
            await Eventually.Until(() => running.Started.Count == 1, "one replica takes the lease");
            var first = running.Started[0];
            await Task.Delay(Rings.Fast.LeaseCheckInterval * 3);
            Assert.Equal([first], running.Started);
            Assert.Equal(0, running.Overlaps);

            await TerminateLeaseHolderAsync(database);

            await Eventually.Until(() => running.Started.Count == 2, "another replica takes the lease");
            Assert.NotEqual(first, running.Started[1]);
            Assert.Contains(first, running.Stopped);
            Assert.Equal(0, running.Overlaps);
        }
        finally
        {
            await stopping.CancelAsync();
            await Task.WhenAll(runners);
        }
    }

    private static async Task TerminateLeaseHolderAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    private sealed class Replicas
    {
        private readonly Lock _gate = new();
        private readonly List<string> _started = [];
        private readonly List<string> _stopped = [];
        private int _active;

        public int Overlaps { get; private set; }

        public IReadOnlyList<string> Started
        {
            get
            {
                lock (_gate)
                {
                    return [.. _started];
                }
            }
        }

        public IReadOnlyList<string> Stopped
        {
            get
            {
                lock (_gate)
                {
                    return [.. _stopped];
                }
            }
        }

        public async Task WorkAsync(string replica, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _started.Add(replica);
                if (++_active > 1)
                {
                    Overlaps++;
                }
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                lock (_gate)
                {
                    _active--;
                    _stopped.Add(replica);
                }
            }
        }
    }
}
