using System.Security.Cryptography;
using System.Text;

namespace Dce.KubeSim.Security;

/// <summary>Compares a request's bearer token with the expected one in constant time, so timing reveals nothing of it.</summary>
public static class BearerToken
{
    public static bool Matches(HttpRequest request, string? expected)
    {
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        var presented = Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString());
        var wanted = Encoding.UTF8.GetBytes("Bearer " + expected);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(presented), SHA256.HashData(wanted));
    }
}
