using Dce.EventBus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.Platform.Contracts.IntegrationEvents;

/// <summary>
/// Asks Container Management, once a module that follows clusters runs, to announce every cluster again: announcements
/// sent before the module's queue was bound were dropped by the exchange, and clusters joined before the module existed
/// were never announced to it. The request leaves through the module's outbox (<typeparamref name="TContext"/>).
/// </summary>
public sealed class ClusterInventoryOnStart<TContext>(IServiceScopeFactory scopes, IHostEnvironment environment) : IHostedService
    where TContext : DbContext
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>().Add(new ClusterInventoryRequested(environment.ApplicationName));
        await scope.ServiceProvider.GetRequiredService<TContext>().SaveChangesAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
