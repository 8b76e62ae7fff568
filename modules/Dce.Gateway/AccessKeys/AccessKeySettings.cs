namespace Dce.Gateway.AccessKeys;

/// <summary>How the gateway exchanges access keys (<c>Gateway:AccessKeys</c>).</summary>
public sealed class AccessKeySettings
{
    public const string Section = "Gateway:AccessKeys";

    /// <summary>Global Management's token endpoint, under its authority.</summary>
    public string TokenPath { get; set; } = "/apis/ghippo.io/v1alpha1/oidc/token";

    /// <summary>How long an exchanged token is reused for the same key: a deleted key keeps working this long at most.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a refused key is answered from the cache, without asking Global Management again.</summary>
    public TimeSpan RefusalCacheDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Exchanges one client address may start per second on one replica (answers from the cache are not counted).</summary>
    public int ExchangesPerSecond { get; set; } = 5;

    /// <summary>Exchanges one client address may start in one burst.</summary>
    public int ExchangeBurst { get; set; } = 20;
}
