using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Dce.AppHost.Hosting;

/// <summary>Healthy when an AMQP connection opens with the broker's own user.</summary>
internal sealed class RabbitMqHealthCheck(string connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var factory = new ConnectionFactory { Uri = new Uri(connectionString), RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
            await using var connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection.IsOpen ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The connection did not open.");
        }
        catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or TimeoutException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The broker is not reachable.", exception);
        }
    }
}
