using System.Security.Cryptography;
using Dce.Coordination;
using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.Model;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Identity;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Services;

/// <summary>
/// At start: restores the built-in roles, on the very first start creates the bootstrap administrator from
/// <c>Dce:Bootstrap:AdminPassword</c> or a generated password logged once, and rebuilds the security stamps in Redis.
/// Replicas starting together seed one after the other under an advisory lock, so the second finds the first one's rows.
/// </summary>
public sealed class PlatformBootstrap(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    Passwords passwords,
    PasswordPolicy policy,
    SecurityStampMirror stamps,
    TimeProvider time,
    ILogger<PlatformBootstrap> logger) : IHostedService
{
    public const string AdminPasswordKey = "Dce:Bootstrap:AdminPassword";
    public const string AdminNameKey = "Dce:Bootstrap:AdminName";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GlobalManagementDbContext>();
        await AdvisoryTransactionLock.RunAsync(db, "ghippo:bootstrap", async token =>
        {
            await BuiltInRoles.EnsureAsync(db, time, token);
            if (!await db.Users.AnyAsync(token))
            {
                await CreateAdministratorAsync(db, token);
            }
        }, cancellationToken);

        await stamps.RebuildAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateAdministratorAsync(GlobalManagementDbContext db, CancellationToken cancellationToken)
    {
        var name = configuration[AdminNameKey] is { Length: > 0 } configuredName ? configuredName : "admin";
        var configured = configuration[AdminPasswordKey];
        var password = string.IsNullOrEmpty(configured) ? Generate() : configured;
        if (policy.Check(password, name) is { } problem)
        {
            throw new InvalidOperationException($"{AdminPasswordKey} does not meet the password policy: {problem}");
        }

        var now = time.GetUtcNow();
        var admin = new User { Name = name, PasswordHash = "", CreatedAt = now, UpdatedAt = now };
        admin.PasswordHash = passwords.Hash(admin, password);
        db.Users.Add(admin);
        db.RoleBindings.Add(new RoleBinding
        {
            SubjectKind = SubjectKind.User,
            SubjectId = admin.Id,
            RoleName = BuiltInRoles.Admin,
            Scope = RoleScope.Platform,
            CreatedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another replica created the first user at the same moment.
            return;
        }

        if (string.IsNullOrEmpty(configured))
        {
            // The one and only time this password is shown: it exists nowhere else.
            logger.LogWarning(
                "Bootstrap administrator '{Name}' created with a generated password, shown only this once: {Password} — sign in and change it, or set {Key} before the first start",
                name, password, AdminPasswordKey);
        }
        else
        {
            logger.LogInformation("Bootstrap administrator '{Name}' created from {Key}", name, AdminPasswordKey);
        }
    }

    private static string Generate()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = Enumerable.Range(0, 20).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
        return $"{new string([.. chars])}-9Aa";
    }
}
