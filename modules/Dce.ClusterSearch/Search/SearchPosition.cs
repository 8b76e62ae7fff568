using System.Text;
using System.Text.Json;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// Where the next page starts: the ordering values of the last row served, under the order they belong to. A page
/// continues after that row, so its cost does not grow with how deep the caller has read.
/// </summary>
internal sealed record SearchPosition(string Order, string Cluster, string Namespace, string Name, DateTimeOffset? CreatedAt, string Group = "", string Resource = "")
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The opaque <c>continue</c> token.</summary>
    public string Token() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this, Json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position a token carries, or null when it is not one.</summary>
    public static SearchPosition? FromToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            var bytes = Convert.FromBase64String(base64 + new string('=', (4 - base64.Length % 4) % 4));
            return JsonSerializer.Deserialize<SearchPosition>(Encoding.UTF8.GetString(bytes), Json) is { Order: not null, Cluster: not null, Namespace: not null, Name: not null, Group: not null, Resource: not null } position
                ? position
                : null;
        }
        catch (Exception error) when (error is FormatException or JsonException)
        {
            return null;
        }
    }
}
