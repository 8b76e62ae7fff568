using Microsoft.Extensions.Options;

namespace Dce.GlobalManagement.Services.Identity;

/// <summary>What a password must look like: long enough, three kinds of characters, not the user's name.</summary>
public sealed class PasswordPolicy(IOptions<IdentityProviderOptions> options)
{
    public const int MaxLength = 128;

    /// <summary>What is wrong with <paramref name="password"/>, or null when it is acceptable.</summary>
    public string? Check(string? password, string userName)
    {
        var minLength = options.Value.MinPasswordLength;
        if (string.IsNullOrEmpty(password) || password.Length < minLength || password.Length > MaxLength)
        {
            return $"The password must be {minLength} to {MaxLength} characters long.";
        }

        var kinds = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) };
        if (kinds.Count(k => k) < 3)
        {
            return "The password must contain at least three of: upper-case letters, lower-case letters, digits, symbols.";
        }

        return password.Contains(userName, StringComparison.OrdinalIgnoreCase)
            ? "The password must not contain the user name."
            : null;
    }
}
