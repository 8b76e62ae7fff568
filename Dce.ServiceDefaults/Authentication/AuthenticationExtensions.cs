using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dce.ServiceDefaults.Authentication;

/// <summary>
/// Bearer-token authentication shared by the gateway and every module (defence in depth): signature checked against the
/// identity provider's JWKS, issuer, audience and expiry required, only asymmetric algorithms accepted (so <c>alg: none</c>
/// and HMAC forgeries fail), the token's security stamp still current (revoked tokens stop working within seconds), and
/// every endpoint requires an authenticated caller unless it is marked anonymous.
/// </summary>
public static class AuthenticationExtensions
{
    /// <summary>Name of the HttpClient that fetches the identity provider's discovery document and keys.</summary>
    public const string BackchannelClient = "dce-identity";

    /// <summary>The signature algorithms a token may use.</summary>
    public static readonly string[] AcceptedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>Adds JWT bearer authentication configured from <c>Dce:Identity</c> and a fallback policy requiring a signed-in caller.</summary>
    public static TBuilder AddDceAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<DceIdentityOptions>(builder.Configuration.GetSection(DceIdentityOptions.Section));
        builder.Services.AddHttpClient(BackchannelClient);
        builder.Services.AddSingleton<SecurityStampValidator>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<DceIdentityOptions>, IHttpClientFactory, SecurityStampValidator>((bearer, identity, clients, stamps) =>
            {
                Configure(bearer, identity.Value, clients);
                bearer.Events = new JwtBearerEvents { OnTokenValidated = stamps.ValidateAsync };
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static void Configure(JwtBearerOptions bearer, DceIdentityOptions identity, IHttpClientFactory clients)
    {
        bearer.MapInboundClaims = false;
        // Inside the platform the identity provider is reached over the cluster network; TLS ends at the ingress.
        bearer.RequireHttpsMetadata = false;
        bearer.RefreshOnIssuerKeyNotFound = true;
        if (identity.MetadataAddress is { } metadata)
        {
            bearer.MetadataAddress = metadata;
            bearer.Backchannel = clients.CreateClient(BackchannelClient);
        }

        bearer.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = identity.Issuer,
            ValidAudience = identity.Audience,
            ValidAlgorithms = AcceptedAlgorithms,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "preferred_username",
        };
    }
}
