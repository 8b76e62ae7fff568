using Dce.ClusterSearch.Model;
using Dce.EventBus.Storage;
using Dce.ServiceDefaults.Idempotency;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Dce.ClusterSearch.Infrastructure;

/// <summary>
/// Cluster Search's own database: the clusters it follows, their sync settings and resolved types, the joins removed, the objects the index refused and the event bus tables. The index itself (<c>resources</c>)
/// is created by the migrations in SQL and written with Npgsql directly, see <see cref="ResourceIndexSql"/>.
/// </summary>
public sealed class ClusterSearchDbContext(DbContextOptions<ClusterSearchDbContext> options) : DbContext(options)
{
    public DbSet<KnownCluster> Clusters => Set<KnownCluster>();
    public DbSet<RemovedCluster> RemovedClusters => Set<RemovedCluster>();
    public DbSet<SetAsideObject> SetAsideObjects => Set<SetAsideObject>();
    public DbSet<ClusterSyncSettings> SyncSettings => Set<ClusterSyncSettings>();
    public DbSet<SyncedType> SyncedTypes => Set<SyncedType>();

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
        modelBuilder.Entity<ClusterSyncSettings>(settings =>
        {
            settings.ToTable("cluster_sync_settings");
            settings.HasKey(s => s.Cluster);
            settings.Property(s => s.Cluster).HasMaxLength(253);
            settings.Property(s => s.Resources).HasColumnType("jsonb").HasConversion(
                value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web),
                json => JsonSerializer.Deserialize<List<SyncResourceChoice>>(json, JsonSerializerOptions.Web) ?? new List<SyncResourceChoice>(),
                new ValueComparer<List<SyncResourceChoice>>((a, b) => JsonSerializer.Serialize(a, JsonSerializerOptions.Web) == JsonSerializer.Serialize(b, JsonSerializerOptions.Web),
                    value => JsonSerializer.Serialize(value, JsonSerializerOptions.Web).GetHashCode(StringComparison.Ordinal),
                    value => JsonSerializer.Deserialize<List<SyncResourceChoice>>(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!));
        });
        // Read by the search in SQL (IndexedTypes), hence plain snake_case names.
        modelBuilder.Entity<SyncedType>(type =>
        {
            type.ToTable("synced_types");
            type.HasKey(t => new { t.Cluster, t.Group, t.Resource });
            type.Property(t => t.Cluster).HasColumnName("cluster").HasMaxLength(253);
            type.Property(t => t.Group).HasColumnName("group").HasMaxLength(253);
            type.Property(t => t.Version).HasColumnName("version").HasMaxLength(63);
            type.Property(t => t.Resource).HasColumnName("resource").HasMaxLength(253);
            type.Property(t => t.Kind).HasColumnName("kind").HasMaxLength(253);
            type.Property(t => t.Namespaced).HasColumnName("namespaced");
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
