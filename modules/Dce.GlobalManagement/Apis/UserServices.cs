using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Dce.GlobalManagement.Services.Identity;

namespace Dce.GlobalManagement.Apis;

/// <summary>What the user and group handlers need, as one parameter.</summary>
public sealed class UserServices(
    GlobalManagementDbContext db,
    AuditTrail audit,
    Passwords passwords,
    PasswordPolicy policy,
    LoginLockout lockout,
    DisabledSubjects disabled,
    AccessDecisions decisions,
    GrantCheck grants,
    TimeProvider time)
{
    public GlobalManagementDbContext Db { get; } = db;
    public AuditTrail Audit { get; } = audit;
    public Passwords Passwords { get; } = passwords;
    public PasswordPolicy Policy { get; } = policy;
    public LoginLockout Lockout { get; } = lockout;
    public DisabledSubjects Disabled { get; } = disabled;
    public AccessDecisions Decisions { get; } = decisions;
    public GrantCheck Grants { get; } = grants;
    public TimeProvider Time { get; } = time;
}
