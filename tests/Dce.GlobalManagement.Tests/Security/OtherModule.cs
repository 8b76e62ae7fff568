using Dce.ServiceDefaults;
using Dce.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dce.GlobalManagement.Tests.Security;

/// <summary>
/// A module other than Global Management, built like every module (service defaults, the platform's bearer
/// authentication, the platform's Redis): its keys come from Global Management's discovery document, and it answers
/// <c>/whoami</c> to any valid token.
/// </summary>
public sealed class OtherModule : IAsyncDisposable
{
    public const string WhoAmIPath = "/whoami";
    private readonly WebApplication _app;

    private OtherModule(WebApplication app) => _app = app;

    public static async Task<OtherModule> StartAsync(GlobalManagementApp identityProvider)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration["ConnectionStrings:redis"] = identityProvider.RedisConnectionString;
        builder.Configuration["Dce:Identity:Authority"] = "http://ghippo";
        builder.AddServiceDefaults();
        builder.AddRedisClient("redis");
        builder.AddDceAuthentication();
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, bearer =>
            bearer.Backchannel = new HttpClient(identityProvider.Server.CreateHandler()) { BaseAddress = new Uri("http://ghippo") });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet(WhoAmIPath, (HttpContext http) => http.User.Identity?.Name);
        await app.StartAsync();
        return new OtherModule(app);
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
