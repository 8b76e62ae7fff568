using Dce.GlobalManagement.Infrastructure;
using Microsoft.Extensions.Options;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Dce.GlobalManagement.Services.Identity;

namespace Dce.GlobalManagement.Services;

/// <summary>What the user and group handlers need, as one parameter.</summary>
public sealed class UserServices(
    GlobalManagementDbContext db,
    AuditTrail audit,
    Passwords passwords,
    PasswordPolicy policy,
    LoginLockout lockout,
    CredentialRevocation revocation,
    SecurityStampMirror stamps,
    AccessDecisions decisions,
    GrantCheck grants,
    IOptions<IdentityProviderOptions> identity,
    TimeProvider time)
{
    public GlobalManagementDbContext Db { get; } = db;
    public AuditTrail Audit { get; } = audit;
    public Passwords Passwords { get; } = passwords;
    public PasswordPolicy Policy { get; } = policy;
    public LoginLockout Lockout { get; } = lockout;
    public CredentialRevocation Revocation { get; } = revocation;
    public SecurityStampMirror Stamps { get; } = stamps;
    public IOptions<IdentityProviderOptions> Identity { get; } = identity;
    public AccessDecisions Decisions { get; } = decisions;
    public GrantCheck Grants { get; } = grants;
    public TimeProvider Time { get; } = time;
}
