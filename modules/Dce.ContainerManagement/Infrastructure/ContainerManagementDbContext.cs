using Dce.ContainerManagement.Model;
using Dce.EventBus.Storage;
using Dce.ServiceDefaults.Idempotency;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dce.ContainerManagement.Infrastructure;

/// <summary>Container Management's own database: joined clusters, the Data Protection key ring and the event bus tables.</summary>
public sealed class ContainerManagementDbContext(DbContextOptions<ContainerManagementDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Cluster> Clusters => Set<Cluster>();
    public DbSet<ImportedKubeconfig> ImportedKubeconfigs => Set<ImportedKubeconfig>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasSequence<long>(ClusterIncarnations.Sequence);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ContainerManagementDbContext).Assembly);
        modelBuilder.AddEventBusTables();
        modelBuilder.AddIdempotentRequests();
    }
}
