using Dce.EventBus.Storage;
using Dce.Insight.Model;
using Dce.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Dce.Insight.Infrastructure;

/// <summary>Insight's own database: the clusters it scrapes, the joins removed and the event bus tables. Metrics live in VictoriaMetrics.</summary>
public sealed class InsightDbContext(DbContextOptions<InsightDbContext> options) : DbContext(options)
{
    public DbSet<KnownCluster> Clusters => Set<KnownCluster>();
    public DbSet<RemovedCluster> RemovedClusters => Set<RemovedCluster>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<KnownCluster>(cluster =>
        {
            cluster.ToTable("known_clusters");
            cluster.HasKey(c => c.Name);
            cluster.Property(c => c.Name).HasMaxLength(253);
            cluster.Property(c => c.Provider).HasMaxLength(64);
            cluster.Property(c => c.Region).HasMaxLength(128);
            cluster.Property(c => c.Phase).HasMaxLength(32);
        });
        modelBuilder.Entity<RemovedCluster>(removed =>
        {
            removed.ToTable("removed_clusters");
            removed.HasKey(r => r.Name);
            removed.Property(r => r.Name).HasMaxLength(253);
        });
        modelBuilder.AddEventBusTables();
        modelBuilder.AddIdempotentRequests();
        // Each signal (alerting, logs, events, traces) keeps its tables beside its code.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InsightDbContext).Assembly);
    }
}
