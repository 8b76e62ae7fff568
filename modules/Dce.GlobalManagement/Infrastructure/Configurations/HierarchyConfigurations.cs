using Dce.GlobalManagement.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dce.GlobalManagement.Infrastructure.Configurations;

internal sealed class FolderConfiguration : IEntityTypeConfiguration<Folder>
{
    public void Configure(EntityTypeBuilder<Folder> builder)
    {
        builder.ToTable("folders");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Name).HasMaxLength(63);
        builder.HasIndex(f => f.Name).IsUnique();
        builder.Property(f => f.Alias).HasMaxLength(256);
        builder.HasOne<Folder>().WithMany().HasForeignKey(f => f.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> builder)
    {
        builder.ToTable("workspaces");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Name).HasMaxLength(63);
        builder.HasIndex(w => w.Name).IsUnique();
        builder.Property(w => w.Alias).HasMaxLength(256);
        builder.HasOne<Folder>().WithMany().HasForeignKey(w => w.FolderId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WorkspaceResourceConfiguration : IEntityTypeConfiguration<WorkspaceResource>
{
    public void Configure(EntityTypeBuilder<WorkspaceResource> builder)
    {
        builder.ToTable("workspace_resources");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Cluster).HasMaxLength(63);
        builder.Property(r => r.Namespace).HasMaxLength(63);
        builder.HasIndex(r => new { r.WorkspaceId, r.Cluster, r.Namespace }).IsUnique();
        builder.HasIndex(r => new { r.Cluster, r.Namespace }).IsUnique().HasFilter("\"Namespace\" <> ''");
        builder.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceQuotaConfiguration : IEntityTypeConfiguration<WorkspaceQuota>
{
    public void Configure(EntityTypeBuilder<WorkspaceQuota> builder)
    {
        builder.ToTable("workspace_quotas");
        builder.HasKey(q => new { q.WorkspaceId, q.Cluster });
        builder.Property(q => q.Cluster).HasMaxLength(63);
        builder.Property(q => q.RequestsCpu).HasMaxLength(32);
        builder.Property(q => q.LimitsCpu).HasMaxLength(32);
        builder.Property(q => q.RequestsMemory).HasMaxLength(32);
        builder.Property(q => q.LimitsMemory).HasMaxLength(32);
        builder.Property(q => q.RequestsStorage).HasMaxLength(32);
        builder.Property(q => q.PersistentVolumeClaims).HasMaxLength(32);
        builder.HasOne<Workspace>().WithMany().HasForeignKey(q => q.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class JoinedClusterConfiguration : IEntityTypeConfiguration<JoinedCluster>
{
    public void Configure(EntityTypeBuilder<JoinedCluster> builder)
    {
        builder.ToTable("joined_clusters");
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(63);
    }
}
