using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Model;
using Dce.Kubernetes.Kubeconfigs;
using Dce.Kubernetes.Names;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dce.ContainerManagement.Clusters;

/// <summary>
/// Joins the platform's embedded simulated clusters from their kubeconfig folder when the module starts: each once (a
/// cluster removed later stays removed), and refreshes an embedded cluster's kubeconfig when the simulator rewrote it
/// (a new address). Clusters added to the simulator later are joined like any other, through the API.
/// </summary>
public sealed class EmbeddedClusters(
    ContainerManagementDbContext db, KubeconfigVault vault, KubeconfigLoader loader, ClusterAnnouncer announcer, TimeProvider time,
    IOptions<ContainerManagementOptions> options, ILogger<EmbeddedClusters> logger)
{
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        if (options.Value.KubeconfigDirectory is not { Length: > 0 } folder || !Directory.Exists(folder))
        {
            return;
        }

        var files = Directory.GetFiles(folder, "*.kubeconfig")
            .Select(path => (Name: Path.GetFileNameWithoutExtension(path), Path: path))
            .Where(file => KubernetesNames.IsLabel(file.Name))
            .ToList();
        if (files.Count == 0)
        {
            return;
        }

        var names = files.Select(f => f.Name).ToList();
        var existing = await db.Clusters.Where(c => names.Contains(c.Name)).ToDictionaryAsync(c => c.Name, cancellationToken);
        var imported = (await db.ImportedKubeconfigs.Where(i => names.Contains(i.Name)).Select(i => i.Name).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow();
        foreach (var (name, path) in files)
        {
            var kubeconfig = await File.ReadAllTextAsync(path, cancellationToken);
            if (!loader.TryLoad(kubeconfig, out _, out var refusal))
            {
                logger.LogWarning("Embedded cluster {Cluster} is not joined: {Refusal}", name, refusal);
                continue;
            }

            if (existing.TryGetValue(name, out var cluster))
            {
                if (cluster.Embedded && vault.Unprotect(cluster.ProtectedKubeconfig) != kubeconfig)
                {
                    cluster.ProtectedKubeconfig = vault.Protect(kubeconfig);
                    cluster.UpdatedAt = now;
                    announcer.Announce(cluster);
                }

                continue;
            }

            if (imported.Contains(name))
            {
                continue;
            }

            var incarnation = await ClusterIncarnations.NextAsync(db, cancellationToken);
            cluster = new Cluster
            {
                Name = name,
                Incarnation = incarnation,
                Provider = "simulated",
                ProtectedKubeconfig = vault.Protect(kubeconfig),
                Embedded = true,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Clusters.Add(cluster);
            db.ImportedKubeconfigs.Add(new ImportedKubeconfig { Name = name, ImportedAt = now });
            announcer.Announce(cluster);
            logger.LogInformation("Joined embedded cluster {Cluster}", name);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
