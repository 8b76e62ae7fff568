using System.Security.Cryptography;
using System.Text;

namespace Dce.Insight.Alerting;

/// <summary>Compares a bearer secret (Alertmanager's to the hook, vmalert's to the datasource) with the configured one in constant time.</summary>
internal static class BearerSecret
{
    public static bool Matches(HttpContext http, string? expected)
    {
        if (expected is not { Length: > 0 })
        {
            return false;
        }

        var header = http.Request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first makes the comparison take the same time whatever the presented length.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim())),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
