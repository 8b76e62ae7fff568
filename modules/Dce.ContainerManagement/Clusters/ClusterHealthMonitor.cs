using Dce.Coordination;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Model;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// Joins the embedded clusters once at start (under an advisory lock, so replicas starting together join them once), then
/// every <see cref="ContainerManagementOptions.HealthInterval"/> probes the clusters this replica owns in the
/// <see cref="ReplicaRing"/>, caches the summaries in Redis and records phase changes with a <see cref="ClusterHealthChanged"/> event.
/// </summary>
public sealed class ClusterHealthMonitor(
    IServiceScopeFactory scopes,
    ReplicaRing ring,
    ClusterClients clients,
    ClusterSummaryCache cache,
    TimeProvider time,
    IOptions<ContainerManagementOptions> options,
    ILogger<ClusterHealthMonitor> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HealthInterval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(exception, "Cluster health round failed; retrying next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private bool _embeddedJoined;
    private volatile IReadOnlyList<string> _probed = [];

    /// <summary>The clusters this replica probed in its last round: the ones it owns.</summary>
    public IReadOnlyList<string> Probed => _probed;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!_embeddedJoined)
        {
            await using var joining = scopes.CreateAsyncScope();
            await AdvisoryTransactionLock.RunAsync(joining.ServiceProvider.GetRequiredService<ContainerManagementDbContext>(), "kpanda:embedded-clusters",
                joining.ServiceProvider.GetRequiredService<EmbeddedClusters>().JoinAsync, cancellationToken);
            _embeddedJoined = true;
        }

        List<Cluster> clusters;
        await using (var scope = scopes.CreateAsyncScope())
        {
            clusters = await scope.ServiceProvider.GetRequiredService<ContainerManagementDbContext>().Clusters.AsNoTracking().ToListAsync(cancellationToken);
        }

        clusters.RemoveAll(cluster => !ring.Owns(cluster.Name));
        _probed = [.. clusters.Select(c => c.Name)];

        var settings = options.Value;
        await Parallel.ForEachAsync(clusters, new ParallelOptions { MaxDegreeOfParallelism = settings.ProbeConcurrency, CancellationToken = cancellationToken },
            async (cluster, token) => await ProbeAsync(cluster, settings.ProbeTimeout, token));
    }

    private async Task ProbeAsync(Cluster cluster, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        ClusterSummary summary;
        try
        {
            summary = await ClusterProbe.ProbeAsync(clients.For(cluster), time, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            summary = ClusterProbe.Failed(ClusterPhase.Unknown, $"The cluster's API did not answer within {timeout.TotalSeconds:0} s.", time.GetUtcNow());
        }
        catch (InvalidOperationException unreadable) when (!cancellationToken.IsCancellationRequested)
        {
            summary = ClusterProbe.Failed(ClusterPhase.Failed, unreadable.Message, time.GetUtcNow());
        }
        catch (Exception unexpected) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever one cluster answered, the round goes on for the others; this cluster shows as not known to be healthy.
            logger.LogWarning(unexpected, "Probing cluster {Cluster} failed", cluster.Name);
            summary = ClusterProbe.Failed(ClusterPhase.Unknown, $"Probing the cluster failed ({unexpected.GetType().Name}).", time.GetUtcNow());
        }

        if (await MissedWithinGraceAsync(cluster, summary))
        {
            return;
        }

        await cache.SetAsync(cluster.Name, summary);
        var phase = Enum.Parse<ClusterPhase>(summary.Phase);
        var message = summary.Conditions.FirstOrDefault(c => c.Type == "Ready")?.Message;
        if (phase == cluster.Phase && (summary.KubernetesVersion is null || summary.KubernetesVersion == cluster.KubernetesVersion))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ContainerManagementDbContext>();
        if (await db.Clusters.FirstOrDefaultAsync(c => c.Name == cluster.Name, cancellationToken) is not { } stored)
        {
            return;
        }

        if (stored.Phase != phase)
        {
            logger.LogInformation("Cluster {Cluster} is now {Phase} (was {Previous})", cluster.Name, phase, stored.Phase);
            scope.ServiceProvider.GetRequiredService<IIntegrationEventOutbox>()
                .Add(new ClusterHealthChanged(cluster.Name, phase.ToString(), stored.Phase.ToString(), message, stored.Incarnation));
            stored.Phase = phase;
            stored.PhaseMessage = message;
            stored.PhaseChangedAt = summary.ProbedAt;
        }

        stored.KubernetesVersion = summary.KubernetesVersion ?? stored.KubernetesVersion;
        await db.SaveChangesAsync(cancellationToken);
    }

    // As Kubernetes waits out a node's grace period before calling it Unknown, a Running cluster that misses a probe (a
    // slow answer on a loaded API server) keeps its last good summary until it has not answered for UnreachableGrace.
    private async Task<bool> MissedWithinGraceAsync(Cluster cluster, ClusterSummary summary)
    {
        if (summary.Phase != nameof(ClusterPhase.Unknown) || cluster.Phase != ClusterPhase.Running)
        {
            return false;
        }

        var grace = options.Value.UnreachableGrace;
        if ((await cache.GetAsync([cluster.Name])).GetValueOrDefault(cluster.Name) is not { Phase: nameof(ClusterPhase.Running) } lastGood
            || summary.ProbedAt - lastGood.ProbedAt >= grace)
        {
            return false;
        }

        logger.LogWarning("Cluster {Cluster} missed a probe ({Reason}); it stays Running unless it does not answer for {Grace}",
            cluster.Name, summary.Conditions.FirstOrDefault(c => c.Type == "Ready")?.Message, grace);
        return true;
    }
}
