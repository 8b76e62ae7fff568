using Dce.LocalServers;
using RabbitMQ.Client;

namespace Dce.Testing;

/// <summary>A real RabbitMQ node from the OS packages, started the way the AppHost starts it; it can be stopped and started again on the same data.</summary>
public sealed class LocalRabbitMq : IAsyncDisposable
{
    private readonly ServerLaunch _launch;
    private ServerProcess _process;

    private LocalRabbitMq(RabbitMqServerRecipe recipe)
    {
        ConnectionString = recipe.ConnectionString;
        _launch = recipe.Prepare();
        _process = new ServerProcess(_launch);
    }

    /// <summary>The connection string (amqp://user:password@127.0.0.1:port/).</summary>
    public string ConnectionString { get; }

    /// <summary>Starts a node and waits until it accepts AMQP connections.</summary>
    public static async Task<LocalRabbitMq> StartAsync(CancellationToken cancellationToken = default)
    {
        var folder = TestFolders.Create("rabbitmq");
        var node = $"dce-test-{Guid.NewGuid():N}@localhost";
        var broker = new LocalRabbitMq(new RabbitMqServerRecipe(folder, RabbitMqPorts.Free(), node));
        await broker._process.StartAsync(broker.IsReadyAsync, cancellationToken);
        return broker;
    }

    /// <summary>Stops the node cleanly.</summary>
    public Task StopAsync() => _process.StopAsync();

    /// <summary>Starts the node again on the same data folder and ports.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        await _process.StopAsync();
        await _process.DisposeAsync();
        _process = new ServerProcess(_launch);
        await _process.StartAsync(IsReadyAsync, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(ConnectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(2) };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        return connection.IsOpen;
    }
}
