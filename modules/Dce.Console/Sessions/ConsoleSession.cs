namespace Dce.Console.Sessions;

/// <summary>What the console keeps of a signed-in user: the tokens Global Management issued, never sent to the browser.</summary>
public sealed record ConsoleSession(string Id, string Username, string AccessToken, string? RefreshToken, DateTimeOffset AccessExpiresAt)
{
    public const string CookieName = "dce-console";

    /// <summary>The claim of the cookie that names the session.</summary>
    public const string IdClaim = "dce:console:session";

    /// <summary>How long a session lasts without use.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
}
