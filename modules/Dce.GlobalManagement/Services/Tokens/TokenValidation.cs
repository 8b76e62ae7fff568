using Dce.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Dce.GlobalManagement.Services.Tokens;

/// <summary>
/// The platform's bearer authentication (with its security-stamp check), except that the issuer's signing keys come
/// from the key store instead of its own discovery document.
/// </summary>
public static class TokenValidation
{
    public static WebApplicationBuilder AddGlobalManagementAuthentication(this WebApplicationBuilder builder)
    {
        builder.AddDceAuthentication();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<SigningKeyStore>((bearer, keys) =>
            {
                // Never fetch its own discovery document, even when Dce:Identity:Authority is set for every module.
                bearer.MetadataAddress = null!;
                bearer.Authority = null;
                bearer.Configuration = null;
                bearer.ConfigurationManager = null;
                bearer.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, keyId, _) => keys.ValidationKeys(keyId);
            });
        return builder;
    }
}
