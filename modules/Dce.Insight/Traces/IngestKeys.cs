using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Traces;

/// <summary>Checks the bearer key of an export against the configured ingest keys, in time that does not depend on where they differ.</summary>
public sealed class IngestKeys(IOptionsMonitor<TracesOptions> options)
{
    public bool Accepts(string? authorization)
    {
        const string scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first gives equal lengths, so the comparison's time says nothing about the key's length either.
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[scheme.Length..].Trim()));
        var accepted = false;
        foreach (var key in options.CurrentValue.IngestKeys.Where(key => key.Length > 0))
        {
            accepted |= CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return accepted;
    }
}
