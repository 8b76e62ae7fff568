using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Dce.KubeSim.Security;

/// <summary>Compact HS256 JSON Web Tokens: what KubeSim signs ServiceAccount tokens with.</summary>
public static class JsonWebToken
{
    public static string Sign(JsonObject claims, byte[] key)
    {
        var header = Encode(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = Encode(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(header + "." + payload)));
        return $"{header}.{payload}.{signature}";
    }

    /// <summary>The claims of a token signed with <paramref name="key"/>; null when it is not one.</summary>
    public static JsonObject? Verify(string token, byte[] key)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }
        try
        {
            var expected = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, Decode(parts[2])))
            {
                return null;
            }
            return JsonNode.Parse(Decode(parts[1])) as JsonObject;
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Decode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
