namespace Dce.Platform.Contracts.Authorization;

/// <summary>Where a module asks its authorization questions (<c>Dce:Authorization</c>).</summary>
public sealed class WorkspaceAuthorizationOptions
{
    /// <summary>Configuration section: <c>Dce:Authorization</c>.</summary>
    public const string Section = "Dce:Authorization";

    /// <summary>Base address of Global Management, resolved by service discovery.</summary>
    public Uri Endpoint { get; set; } = new("http://ghippo");

    /// <summary>The asking module's name in permissions, e.g. <c>kpanda</c>.</summary>
    public string Module { get; set; } = "";

    /// <summary>How long an answer is reused from Redis; revocations take at most this long to reach the module.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
