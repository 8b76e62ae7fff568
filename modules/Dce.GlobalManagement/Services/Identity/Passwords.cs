using System.Diagnostics.Metrics;
using Dce.GlobalManagement.Model;
using Microsoft.AspNetCore.Identity;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>Hashes and verifies passwords with ASP.NET Core Identity's PBKDF2 hasher, counting every verification.</summary>
public sealed class Passwords
{
    public const string MeterName = "Dce.GlobalManagement.Identity";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> VerificationCounter =
        Meter.CreateCounter<long>("dce.identity.password_verifications", description: "Password hashes verified (sign-ins and password changes).");

    private readonly PasswordHasher<User> _hasher = new();

    // Verifying against this keeps an unknown user name exactly as costly as a wrong password.
    private readonly Lazy<string> _decoy;
    private long _verifications;

    public Passwords() => _decoy = new(() => _hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    /// <summary>How many passwords this instance verified: the work a burst of guesses really caused.</summary>
    public long Verifications => Interlocked.Read(ref _verifications);

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(User? user, string password)
    {
        Interlocked.Increment(ref _verifications);
        VerificationCounter.Add(1);
        if (user is null)
        {
            _hasher.VerifyHashedPassword(null!, _decoy.Value, password);
            return false;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}
