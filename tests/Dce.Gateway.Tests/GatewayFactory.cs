using Dce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using StackExchange.Redis;

namespace Dce.Gateway.Tests;

/// <summary>
/// The gateway in-process, routing over real HTTP to an echo backend on loopback, validating tokens against a
/// loopback identity provider's JWKS and checking their stamps in a Redis server of its own. Routes: <c>/apis/demo.io</c> (token required), <c>/apis/demo.io/v1/login</c> (anonymous) and the site's root <c>/</c> (anonymous, as the console's).
/// </summary>
public sealed class GatewayFactory : IAsyncLifetime
{
    private readonly Dictionary<string, string?> _extraSettings;
    private LoopbackServer _backend = null!;
    private WebApplicationFactory<Dce.Gateway.Program> _factory = null!;
    private ConnectionMultiplexer _stamps = null!;

    public GatewayFactory() : this([])
    {
    }

    private GatewayFactory(Dictionary<string, string?> extraSettings) => _extraSettings = extraSettings;

    public TestIdentityProvider Identity { get; } = new();

    public static GatewayFactory WithRateLimit(int requestsPerSecond, int burst) => new(new()
    {
        ["Gateway:RateLimit:RequestsPerSecond"] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:RateLimit:Burst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public static GatewayFactory WithAccessKeyExchanges(int perSecond, int burst) => new(new()
    {
        ["Gateway:AccessKeys:ExchangesPerSecond"] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Gateway:AccessKeys:ExchangeBurst"] = burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>The gateway's Redis, which tests may stop and start again.</summary>
    public LocalRedis Redis { get; private set; } = null!;

    public HttpClient CreateClient() => _factory.CreateClient();

    public async Task InitializeAsync()
    {
        Redis = await LocalRedis.StartAsync();
        _stamps = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",abortConnect=false");
        Identity.Stamps = _stamps.GetDatabase();
        await Identity.StartAsync();
        _backend = await LoopbackServer.StartAsync(app => app.Map("/{**path}", (HttpContext context) => Results.Json(new EchoedRequest(
            context.Request.Path,
            context.Request.Headers["X-Request-Id"].ToString(),
            context.Request.Headers["X-Forwarded-Host"].ToString(),
            context.Request.Headers.Authorization.ToString()))));

        var settings = new Dictionary<string, string?>
        {
            ["services:demo:http:0"] = _backend.Address.ToString(),
            ["services:idp:http:0"] = Identity.Address.ToString(),
            ["Dce:Identity:Authority"] = "http://idp",
            ["ConnectionStrings:redis"] = Redis.ConnectionString,
            ["Gateway:Routes:0:PathPrefix"] = "/apis/demo.io",
            ["Gateway:Routes:0:Service"] = "demo",
            ["Gateway:Routes:1:PathPrefix"] = "/apis/demo.io/v1/login",
            ["Gateway:Routes:1:Service"] = "demo",
            ["Gateway:Routes:1:Anonymous"] = "true",
            ["services:site:http:0"] = _backend.Address.ToString(),
            ["Gateway:Routes:2:PathPrefix"] = "/",
            ["Gateway:Routes:2:Service"] = "site",
            ["Gateway:Routes:2:Anonymous"] = "true",
        };
        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        _factory = new WebApplicationFactory<Dce.Gateway.Program>().WithWebHostBuilder(host =>
        {
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _backend.DisposeAsync();
        await Identity.DisposeAsync();
        await _stamps.DisposeAsync();
        await Redis.DisposeAsync();
    }
}

public sealed record EchoedRequest(string Path, string RequestId, string ForwardedHost, string Authorization);
