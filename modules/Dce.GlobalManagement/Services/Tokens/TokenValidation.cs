using Dce.GlobalManagement.Services.Identity;
using Dce.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Dce.GlobalManagement.Services.Tokens;

/// <summary>
/// The platform's bearer authentication, with two differences for the issuer itself: signing keys come from the
/// key store instead of its own discovery document, and tokens of disabled or deleted users stop working at once.
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
                bearer.Events ??= new JwtBearerEvents();
                var previous = bearer.Events.OnTokenValidated;
                bearer.Events.OnTokenValidated = async context =>
                {
                    await previous(context);
                    if (context.Result is null)
                    {
                        await RejectDisabledSubjectAsync(context);
                    }
                };
            });
        return builder;
    }

    private static async Task RejectDisabledSubjectAsync(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst("sub")?.Value;
        var disabled = context.HttpContext.RequestServices.GetRequiredService<DisabledSubjects>();
        if (subject is null || await disabled.ContainsAsync(subject))
        {
            context.Fail("The user is disabled or deleted.");
        }
    }
}
