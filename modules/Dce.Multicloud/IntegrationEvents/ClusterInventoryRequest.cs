using Dce.EventBus;
using Dce.Multicloud.Infrastructure;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.Multicloud.IntegrationEvents;

/// <summary>
/// Asks Container Management, once the module runs, to announce every cluster again: announcements sent before this
/// module's queue existed were dropped by the exchange.
/// </summary>
internal sealed class ClusterInventoryRequest(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(new ClusterInventoryRequested(environment.ApplicationName));
        await scope.ServiceProvider.GetRequiredService<MulticloudDbContext>().SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
