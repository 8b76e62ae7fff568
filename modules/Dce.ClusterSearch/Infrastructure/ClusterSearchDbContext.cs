using Dce.ClusterSearch.Model;
using Dce.ServiceDefaults.EventBus.Storage;
using Microsoft.EntityFrameworkCore;

namespace Dce.ClusterSearch.Infrastructure;

/// <summary>
/// Cluster Search's own database: the clusters it follows, the joins removed, and the event bus tables. The index itself (<c>resources</c>)
/// is created by the migrations in SQL and written with Npgsql directly, see <see cref="ResourceIndexSql"/>.
/// </summary>
public sealed class ClusterSearchDbContext(DbContextOptions<ClusterSearchDbContext> options) : DbContext(options)
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
    }
}
