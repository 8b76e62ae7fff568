using Dce.ClusterSearch.Model;
using Dce.EventBus.Storage;
using Dce.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Dce.ClusterSearch.Infrastructure;

/// <summary>
/// Cluster Search's own database: the clusters it follows, the joins removed, the objects the index refused and the event bus tables. The index itself (<c>resources</c>)
/// is created by the migrations in SQL and written with Npgsql directly, see <see cref="ResourceIndexSql"/>.
/// </summary>
public sealed class ClusterSearchDbContext(DbContextOptions<ClusterSearchDbContext> options) : DbContext(options)
{
    public DbSet<KnownCluster> Clusters => Set<KnownCluster>();
    public DbSet<RemovedCluster> RemovedClusters => Set<RemovedCluster>();
    public DbSet<SetAsideObject> SetAsideObjects => Set<SetAsideObject>();

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
        // Written by the index writer in SQL (SetAsideStatements), hence plain snake_case names.
        modelBuilder.Entity<SetAsideObject>(setAside =>
        {
            setAside.ToTable("set_aside_objects");
            setAside.HasKey(o => new { o.Group, o.Resource, o.Cluster, o.Namespace, o.Name });
            setAside.Property(o => o.Cluster).HasColumnName("cluster");
            setAside.Property(o => o.Group).HasColumnName("group");
            setAside.Property(o => o.Resource).HasColumnName("resource");
            setAside.Property(o => o.Namespace).HasColumnName("namespace");
            setAside.Property(o => o.Name).HasColumnName("name");
            setAside.Property(o => o.Uid).HasColumnName("uid");
            setAside.Property(o => o.ResourceVersion).HasColumnName("resource_version");
            setAside.Property(o => o.ErrorCode).HasColumnName("error_code").HasMaxLength(16);
            setAside.Property(o => o.Error).HasColumnName("error").HasMaxLength(500);
            setAside.Property(o => o.SetAsideAt).HasColumnName("set_aside_at");
            setAside.HasIndex(o => new { o.Cluster, o.SetAsideAt });
        });
        modelBuilder.Entity<RemovedCluster>(removed =>
        {
            removed.ToTable("removed_clusters");
            removed.HasKey(r => r.Name);
            removed.Property(r => r.Name).HasMaxLength(253);
        });
        modelBuilder.AddEventBusTables();
        modelBuilder.AddIdempotentRequests();
    }
}
