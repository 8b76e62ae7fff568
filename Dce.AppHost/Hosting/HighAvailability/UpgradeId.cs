namespace Dce.AppHost.Hosting.HighAvailability;

/// <summary>An upgrade's id: names its release folder and its version suffix, so letters, digits and dashes only.</summary>
public static class UpgradeId
{
    /// <summary>A new id, ordered by time.</summary>
    public static string New() => $"{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Whether <paramref name="id"/> is usable.</summary>
    public static bool IsValid(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
