using System.Globalization;
using System.Text;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>The opaque <c>continue</c> value of a paged list: the resourceVersion of the first page and the last key served.</summary>
public static class ContinueToken
{
    public static string Encode(long resourceVersion, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{resourceVersion.ToString(CultureInfo.InvariantCulture)}|{lastKey}"));

    public static (long ResourceVersion, string LastKey) Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return (long.Parse(text[..bar], CultureInfo.InvariantCulture), text[(bar + 1)..]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentOutOfRangeException)
        {
            throw ApiException.BadRequest("continue key is not valid: illegal base64 data");
        }
    }
}
