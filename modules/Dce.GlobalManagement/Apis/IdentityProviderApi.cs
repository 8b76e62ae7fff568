using Dce.GlobalManagement.Services.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dce.GlobalManagement.Apis;

/// <summary>What makes Global Management the platform's identity provider: its public keys and its discovery document.</summary>
public static class IdentityProviderApi
{
    public const string CertsPath = ApiPaths.V1Alpha1 + "/certs";
    public const string TokenPath = ApiPaths.V1Alpha1 + "/oidc/token";

    public static IEndpointRouteBuilder MapIdentityProviderApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(CertsPath, GetCertsAsync)
            .AllowAnonymous().WithName("GetCerts").WithSummary("The public keys tokens are signed with (JWKS).").WithTags("Identity provider");
        app.MapGet("/.well-known/openid-configuration", GetDiscovery)
            .AllowAnonymous().WithName("GetOpenIdConfiguration").WithSummary("OpenID Connect discovery document.").WithTags("Identity provider");
        app.MapGet(ApiPaths.V1Alpha1 + "/.well-known/openid-configuration", GetDiscovery)
            .AllowAnonymous().WithName("GetOpenIdConfigurationInGroup").WithSummary("OpenID Connect discovery document, under the API group.").WithTags("Identity provider");
        return app;
    }

    internal static async Task<IResult> GetCertsAsync(SigningKeyStore keys, CancellationToken cancellationToken)
    {
        var published = await keys.PublishedKeysAsync(cancellationToken);
        var jwks = published.Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = SecurityAlgorithms.RsaSha256,
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
        });
        return TypedResults.Json(new { keys = jwks });
    }

    internal static IResult GetDiscovery(HttpRequest request, IOptions<IdentityProviderOptions> options)
    {
        var origin = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["issuer"] = options.Value.Issuer,
            ["jwks_uri"] = origin + CertsPath,
            ["token_endpoint"] = origin + TokenPath,
            ["grant_types_supported"] = new[] { "password", "refresh_token", SessionsApi.AccessKeyGrant },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["claims_supported"] = new[] { "sub", "preferred_username", "iss", "aud", "exp", "iat", "jti" },
        });
    }
}
