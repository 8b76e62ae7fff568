using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Model;
using k8s;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Clusters;

/// <summary>A joined cluster with its clients.</summary>
public sealed record ClusterConnection(Cluster Cluster, IKubernetes Client, IKubernetes Streams);

/// <summary>The cluster a request names does not exist (404).</summary>
public sealed class ClusterNotFoundException(string cluster) : Exception($"Cluster {cluster} does not exist.")
{
    public string Cluster { get; } = cluster;
}

/// <summary>The cluster a request names is not Running; calls to it are refused at once (503) instead of waiting for a timeout.</summary>
public sealed class ClusterUnavailableException(string cluster, string reason) : Exception($"Cluster {cluster} is unavailable: {reason}")
{
    public string Cluster { get; } = cluster;
}

/// <summary>Finds a request's cluster and its clients.</summary>
public sealed class ClusterResolver(ContainerManagementDbContext db, ClusterClients clients)
{
    public async Task<ClusterConnection> ConnectAsync(string cluster, CancellationToken cancellationToken)
    {
        var found = await db.Clusters.AsNoTracking().FirstOrDefaultAsync(c => c.Name == cluster, cancellationToken)
            ?? throw new ClusterNotFoundException(cluster);
        if (found.Phase != ClusterPhase.Running)
        {
            var since = found.PhaseChangedAt is { } at ? $" since {at:u}" : "";
            throw new ClusterUnavailableException(cluster, $"it is {found.Phase}{since}. {found.PhaseMessage}".Trim());
        }

        return new ClusterConnection(found, clients.For(found), clients.StreamingFor(found));
    }
}
