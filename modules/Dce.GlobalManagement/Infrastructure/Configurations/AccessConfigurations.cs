using Dce.GlobalManagement.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dce.GlobalManagement.Infrastructure.Configurations;

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("roles");
        builder.HasKey(r => r.Name);
        builder.Property(r => r.Name).HasMaxLength(63);
        builder.Property(r => r.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Description).HasMaxLength(1024);
        builder.OwnsMany(r => r.Permissions, permissions => permissions.ToJson());
        builder.OwnsMany(r => r.Exclusions, exclusions => exclusions.ToJson());
    }
}

internal sealed class RoleBindingConfiguration : IEntityTypeConfiguration<RoleBinding>
{
    public void Configure(EntityTypeBuilder<RoleBinding> builder)
    {
        builder.ToTable("role_bindings");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.SubjectKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.Scope).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.RoleName).HasMaxLength(63);
        builder.HasIndex(b => new { b.SubjectKind, b.SubjectId, b.RoleName, b.Scope, b.ScopeId }).IsUnique().AreNullsDistinct(false);
        builder.HasIndex(b => new { b.Scope, b.ScopeId });
        builder.HasOne<Role>().WithMany().HasForeignKey(b => b.RoleName).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("audit_records");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasIndex(a => a.EventId).IsUnique();
        builder.HasIndex(a => a.OccurredAt);
        builder.Property(a => a.Module).HasMaxLength(63);
        builder.Property(a => a.Actor).HasMaxLength(63);
        builder.Property(a => a.ActorId).HasMaxLength(64);
        builder.Property(a => a.Action).HasMaxLength(63);
        builder.Property(a => a.ResourceType).HasMaxLength(63);
        builder.Property(a => a.ResourceName).HasMaxLength(256);
        builder.Property(a => a.ClientIp).HasMaxLength(64);
    }
}
