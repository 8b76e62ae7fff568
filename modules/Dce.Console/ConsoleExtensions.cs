using Dce.Console.Components;
using Dce.Console.Gateway;
using Dce.Console.Security;
using Dce.Console.Sessions;
using Dce.Platform.Contracts.DataProtection;
using Dce.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.FluentUI.AspNetCore.Components;
using StackExchange.Redis;

namespace Dce.Console;

/// <summary>
/// The web console: Blazor pages rendered on the server that call the platform's public APIs through the gateway with
/// the signed-in user's token. The token never reaches the browser: the browser holds an HttpOnly cookie naming a
/// session, and the session (tokens sealed) lives in Redis, so every replica serves every user.
/// </summary>
public static class ConsoleExtensions
{
    public const string RedisName = "redis";

    private const string KeyRingKey = "dce:console:key-ring";

    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddRedisClient(RedisName);
        builder.AddSealedDataProtection("dce-console", "dce.console.key-ring");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((options, redis) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeyRingKey));

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = ConsoleSession.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = SignInEndpoints.SignInPage;
                options.ExpireTimeSpan = ConsoleSession.Lifetime;
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                options.Events.OnRedirectToLogin = SessionValidation.RedirectToSignInAsync;
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "dce-console-csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddScoped<CurrentSession>();
        builder.Services.AddScoped<PlatformApi>();
        builder.Services.AddScoped<Permissions>();
        builder.Services.AddScoped<WorkspaceContext>();
        // The gateway already retries what is safe to retry, and a followed log must not be cut by an attempt timeout.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(PlatformApi.ClientName, client => client.BaseAddress = new Uri("http://gateway"))
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseForwardedHeaders();
        app.UseConsoleSecurityHeaders();
        app.UseStaticFiles();
        // A page address nothing serves answers the console's "Not found" page with its 404, not an empty answer.
        app.UseWhen(IsPageRequest, branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseSameOriginCircuits();

        app.MapDefaultEndpoints();
        app.MapSignInEndpoints();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsPageRequest(HttpContext http) =>
        HttpMethods.IsGet(http.Request.Method) && http.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);
}
