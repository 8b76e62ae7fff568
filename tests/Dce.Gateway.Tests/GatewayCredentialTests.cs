using System.Net;
using System.Net.Http.Headers;
using Dce.Testing;

namespace Dce.Gateway.Tests;

/// <summary>The gateway, as the platform's edge, refuses revoked tokens, fails safe when Redis is away and believes no client about its address.</summary>
[Trait("Category", "Security")]
public sealed class GatewayCredentialTests : IAsyncLifetime
{
    private const string ProtectedPath = "/apis/demo.io/v1/things";
    private readonly GatewayFactory _gateway = GatewayFactory.WithRateLimit(requestsPerSecond: 1, burst: 2);

    public Task InitializeAsync() => _gateway.InitializeAsync();

    public Task DisposeAsync() => _gateway.DisposeAsync();

    [Fact]
    public async Task A_revoked_token_is_refused_within_seconds()
    {
        var token = _gateway.Identity.IssueToken("carol");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(token)).StatusCode);

        await _gateway.Identity.RevokeAsync("carol");

        await Eventually.Until(async () => (await SendAsync(token)).StatusCode == HttpStatusCode.Unauthorized,
            "the gateway refuses the revoked token", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Redis_down_is_503_with_Retry_After_while_alive_stays_200_and_it_recovers_by_itself()
    {
        var token = _gateway.Identity.IssueToken("dave");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(token)).StatusCode);

        await _gateway.Redis.StopAsync();
        HttpResponseMessage? down = null;
        HttpResponseMessage alive;
        try
        {
            await Eventually.Until(async () => (down = await SendAsync(token)).StatusCode == HttpStatusCode.ServiceUnavailable,
                "the gateway answers 503 while Redis is down");
            alive = await _gateway.CreateClient().GetAsync("/alive");
        }
        finally
        {
            await _gateway.Redis.RestartAsync();
        }

        Assert.NotNull(down!.Headers.RetryAfter);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        // The restarted server lost the stamps; Global Management would rebuild them, as the identity provider does here.
        _gateway.Identity.IssueToken("dave");
        await Eventually.Until(async () => (await SendAsync(token)).StatusCode == HttpStatusCode.OK,
            "the gateway serves the same token again once Redis is back");
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_client_does_not_buy_a_fresh_rate_limit_budget()
    {
        using var client = _gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/demo.io/v1/login");
            request.Headers.Add("X-Forwarded-For", $"192.0.2.{i + 1}");
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    private async Task<HttpResponseMessage> SendAsync(string token)
    {
        using var client = _gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProtectedPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
