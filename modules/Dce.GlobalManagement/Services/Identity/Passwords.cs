using Dce.GlobalManagement.Model;
using Microsoft.AspNetCore.Identity;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>Hashes and verifies passwords with ASP.NET Core Identity's PBKDF2 hasher.</summary>
public sealed class Passwords
{
    private readonly PasswordHasher<User> _hasher = new();

    // Verifying against this keeps an unknown user name as slow as a wrong password.
    private readonly Lazy<string> _decoy;

    public Passwords() => _decoy = new(() => _hasher.HashPassword(null!, Guid.NewGuid().ToString()));

    public string Hash(User user, string password) => _hasher.HashPassword(user, password);

    public bool Verify(User? user, string password)
    {
        if (user is null)
        {
            _hasher.VerifyHashedPassword(null!, _decoy.Value, password);
            return false;
        }

        return _hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }
}
