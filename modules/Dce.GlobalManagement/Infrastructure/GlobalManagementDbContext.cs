using Dce.GlobalManagement.Model;
using Dce.EventBus.Storage;
using Dce.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Infrastructure;

/// <summary>Global Management's own database: identities, hierarchy, roles, credentials and the audit log.</summary>
public sealed class GlobalManagementDbContext(DbContextOptions<GlobalManagementDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<Folder> Folders => Set<Folder>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<RoleBinding> RoleBindings => Set<RoleBinding>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<AccessKey> AccessKeys => Set<AccessKey>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<WorkspaceResource> WorkspaceResources => Set<WorkspaceResource>();
    public DbSet<WorkspaceQuota> WorkspaceQuotas => Set<WorkspaceQuota>();
    public DbSet<JoinedCluster> JoinedClusters => Set<JoinedCluster>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GlobalManagementDbContext).Assembly);
        modelBuilder.AddEventBusTables();
        modelBuilder.AddIdempotentRequests();
    }
}
