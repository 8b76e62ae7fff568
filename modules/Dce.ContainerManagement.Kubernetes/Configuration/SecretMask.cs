using System.Text;
using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>
/// A Secret object as it may leave the module: every value of <c>data</c> and <c>stringData</c> <see cref="SecretOperations.Mask"/>ed,
/// and the annotation <c>kubectl apply</c> leaves (which repeats the values) dropped, unless values are revealed.
/// </summary>
public static class SecretMask
{
    public const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>Masks <paramref name="secret"/> in place; revealed, <c>data</c> is decoded to text when <paramref name="decode"/>.</summary>
    public static JsonObject Apply(JsonObject secret, bool reveal, bool decode = false)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (reveal)
        {
            if (decode && secret["data"] is JsonObject encoded)
            {
                foreach (var (key, value) in encoded.ToList())
                {
                    encoded[key] = Decode(value?.ToString());
                }
            }

            return secret;
        }

        foreach (var field in new[] { "data", "stringData" })
        {
            if (secret[field] is JsonObject values)
            {
                foreach (var key in values.Select(p => p.Key).ToList())
                {
                    values[key] = SecretOperations.Mask;
                }
            }
        }

        (secret["metadata"]?["annotations"] as JsonObject)?.Remove(LastApplied);
        return secret;
    }

    private static string Decode(string? base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? ""));
        }
        catch (FormatException)
        {
            return base64 ?? "";
        }
    }
}
