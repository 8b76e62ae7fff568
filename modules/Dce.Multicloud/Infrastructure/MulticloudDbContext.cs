using Dce.EventBus.Storage;
using Dce.Multicloud.Model;
using Dce.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Dce.Multicloud.Infrastructure;

/// <summary>
/// Multicloud Management's own database: the clusters Container Management offers, the workspace bindings and the event
/// bus tables. Karmada's objects (policies, bindings, works, member clusters) live in the instance's API server, not here.
/// </summary>
public sealed class MulticloudDbContext(DbContextOptions<MulticloudDbContext> options) : DbContext(options)
{
    public DbSet<KnownCluster> Clusters => Set<KnownCluster>();
    public DbSet<WorkspaceBinding> WorkspaceBindings => Set<WorkspaceBinding>();

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
        modelBuilder.Entity<WorkspaceBinding>(binding =>
        {
            binding.ToTable("workspace_bindings");
            binding.HasKey(b => b.Id);
            binding.Property(b => b.Instance).HasMaxLength(63);
            binding.Property(b => b.Namespace).HasMaxLength(63);
            binding.HasIndex(b => new { b.Instance, b.Namespace, b.WorkspaceId }).IsUnique();
            // A namespace belongs to one workspace at most.
            binding.HasIndex(b => new { b.Instance, b.Namespace }).IsUnique().HasFilter("\"Namespace\" <> ''");
        });
        modelBuilder.AddEventBusTables();
        modelBuilder.AddIdempotentRequests();
    }
}
