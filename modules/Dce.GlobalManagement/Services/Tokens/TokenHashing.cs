using System.Security.Cryptography;
using System.Text;

namespace Dce.GlobalManagement.Services.Tokens;

/// <summary>Random opaque secrets (refresh tokens, access keys) and the hashes they are stored as.</summary>
public static class TokenHashing
{
    public static string NewSecret(string prefix) =>
        prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
