using System.Net.Mail;

namespace Dce.Insight.Alerting.Model;

/// <summary>An email receiver's recipients as the one address a receiver and its deliveries keep: <c>mailto:a@x,b@y</c> (RFC 6068).</summary>
public static class EmailRecipients
{
    public const string Scheme = "mailto:";
    public const int Limit = 50;

    public static bool IsEmail(string url) => url.StartsWith(Scheme, StringComparison.Ordinal);

    public static string ToUrl(IEnumerable<string> addresses) => Scheme + string.Join(',', addresses.Select(Uri.EscapeDataString));

    public static IReadOnlyList<string> FromUrl(string url) =>
        [.. url[Scheme.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString)];

    /// <summary>The first address that is not one plain mailbox (no display name, no list), or null when all are.</summary>
    public static string? FirstInvalid(IEnumerable<string> addresses) =>
        addresses.FirstOrDefault(address => !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || parsed.DisplayName.Length > 0);
}
