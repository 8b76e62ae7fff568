using Dce.GlobalManagement.Infrastructure;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.GlobalManagement.Services;

/// <summary>
/// Asks Container Management, once the module runs, to announce every cluster again: clusters joined before this module
/// followed cluster events (or announced while its queue was not bound) would otherwise stay unknown here.
/// </summary>
public sealed class ClusterInventoryOnStart(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(new ClusterInventoryRequested(environment.ApplicationName));
        await scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>().SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
