using Dce.LocalServers;
using Microsoft.Extensions.Hosting;

namespace Dce.AppHost.Hosting;

/// <summary>Stops the port mapper of the graph's RabbitMQ node when the graph stops, so a run leaves no process behind.</summary>
internal sealed class EpmdShutdown(int port) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => EpmdDaemon.StopAsync(port, cancellationToken);
}
