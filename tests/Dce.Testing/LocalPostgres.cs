using Dce.LocalServers;
using Npgsql;

namespace Dce.Testing;

/// <summary>A real PostgreSQL server from the OS packages, started the way the AppHost starts it, in a throwaway folder.</summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private LocalPostgres(PostgresServerRecipe recipe)
    {
        ConnectionString = recipe.ConnectionString;
        _process = new ServerProcess(recipe.Prepare(), stopSignal: "INT");
    }

    /// <summary>The server connection string (no database named).</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a server and waits until it accepts connections.</summary>
    public static async Task<LocalPostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new LocalPostgres(new PostgresServerRecipe(TestFolders.Create("postgres"), FreePort.Next()));
        await server._process.StartAsync(server.IsReadyAsync, cancellationToken);
        return server;
    }

    /// <summary>Creates a database (when missing) and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await PostgresDatabases.CreateIfMissingAsync(ConnectionString, name, cancellationToken);
        return $"{ConnectionString};Database={name}";
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);
        return true;
    }
}
