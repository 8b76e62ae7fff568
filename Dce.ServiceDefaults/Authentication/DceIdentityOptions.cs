namespace Dce.ServiceDefaults.Authentication;

/// <summary>Where the platform's identity provider (Global Management) is and what its tokens must say.</summary>
public sealed class DceIdentityOptions
{
    /// <summary>Configuration section: <c>Dce:Identity</c>.</summary>
    public const string Section = "Dce:Identity";

    /// <summary>Base address of the identity provider, e.g. <c>http://ghippo</c> (resolved by service discovery).</summary>
    public string? Authority { get; set; }

    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string Issuer { get; set; } = "dce";

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string Audience { get; set; } = "dce";

    /// <summary>
    /// The Redis database holding the security-stamp mirror (<see cref="SecurityStamps"/>); -1, the default, is the
    /// connection's own. Global Management and every module must name the same one.
    /// </summary>
    public int StampDatabase { get; set; } = -1;

    /// <summary>The OpenID discovery document of <see cref="Authority"/>.</summary>
    public string? MetadataAddress => Authority is null ? null : $"{Authority.TrimEnd('/')}/.well-known/openid-configuration";
}
