using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>The <c>Idempotency-Key</c> header: its checks and the hash of the request it names.</summary>
internal static class IdempotencyKey
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxLength = 255;
    public const int MaxSubjectLength = 255;
    public const int MaxRouteLength = 500;

    /// <summary>The key without the quotes of a structured-field string, or null when it is not one printable value.</summary>
    public static string? Parse(StringValues values)
    {
        if (values.Count != 1 || values[0] is not { } raw)
        {
            return null;
        }

        var key = raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"' ? raw[1..^1] : raw;
        return key.Length is > 0 and <= MaxLength && key.All(c => c is >= '\x21' and <= '\x7e') ? key : null;
    }

    public static bool Applies(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method)
        || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method);

    /// <summary>SHA-256 of method, path, query and body; the body is left readable from its start.</summary>
    public static async Task<string> HashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        request.EnableBuffering();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
