using Dce.LocalServers;
using StackExchange.Redis;

namespace Dce.Testing;

/// <summary>A real Redis server from the OS packages, started the way the AppHost starts it, in a throwaway folder.</summary>
public sealed class LocalRedis : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private LocalRedis(RedisServerRecipe recipe)
    {
        ConnectionString = recipe.ConnectionString;
        _process = new ServerProcess(recipe.Prepare());
    }

    /// <summary>The connection string (host:port,password=...).</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a server and waits until it answers PING.</summary>
    public static async Task<LocalRedis> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new LocalRedis(new RedisServerRecipe(TestFolders.Create("redis"), FreePort.Next()));
        await server._process.StartAsync(server.IsReadyAsync, cancellationToken);
        return server;
    }

    /// <summary>Stops the server, as an outage; <see cref="RestartAsync"/> brings it back on the same port.</summary>
    public Task StopAsync() => _process.StopAsync();

    /// <summary>Starts the stopped server again and waits until it answers PING.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => _process.StartAsync(IsReadyAsync, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(ConnectionString + ",abortConnect=true,connectTimeout=2000");
        await connection.GetDatabase().PingAsync();
        return true;
    }
}
