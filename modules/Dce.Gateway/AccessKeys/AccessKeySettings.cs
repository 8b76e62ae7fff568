namespace Dce.Gateway.AccessKeys;

/// <summary>How the gateway exchanges access keys (<c>Gateway:AccessKeys</c>).</summary>
public sealed class AccessKeySettings
{
    public const string Section = "Gateway:AccessKeys";

    /// <summary>Global Management's token endpoint, under its authority.</summary>
    public string TokenPath { get; set; } = "/apis/ghippo.io/v1alpha1/oidc/token";

    /// <summary>How long an exchanged token is reused for the same key: a deleted key keeps working this long at most.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
