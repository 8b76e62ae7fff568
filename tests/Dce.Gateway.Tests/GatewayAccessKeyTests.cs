using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.Gateway.Tests;

/// <summary>An access key where a token goes: exchanged once for a token the modules check, and no way around the limits for made-up keys.</summary>
public sealed class GatewayAccessKeyTests : IAsyncLifetime
{
    private const string Things = "/apis/demo.io/v1/things";
    private readonly GatewayFactory _gateway = GatewayFactory.WithAccessKeyExchanges(perSecond: 1, burst: 3);

    public Task InitializeAsync() => _gateway.InitializeAsync();

    public Task DisposeAsync() => _gateway.DisposeAsync();

    [Fact]
    public async Task A_flood_of_made_up_keys_is_limited_before_it_reaches_the_token_endpoint()
    {
        using var client = _gateway.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
        {
            using var response = await SendAsync(client, "dcek_" + Guid.NewGuid().ToString("N"));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, s.ToString()));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // The burst, and what the bucket refilled while the requests were sent.
        Assert.True(_gateway.Identity.Exchanges < 10, $"{_gateway.Identity.Exchanges} exchanges reached the token endpoint");
    }

    [Fact]
    public async Task A_refused_key_sent_again_is_answered_without_asking_again()
    {
        using var client = _gateway.CreateClient();
        const string Unknown = "dcek_unknown_key_sent_many_times";
        for (var i = 0; i < 5; i++)
        {
            using var response = await SendAsync(client, Unknown);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(1, _gateway.Identity.Exchanges);
    }

    [Fact]
    public async Task A_disabled_accounts_key_is_a_403_that_says_so()
    {
        _gateway.Identity.AccessKeys["dcek_of_a_disabled_user"] = "mallory";
        _gateway.Identity.DisabledSubjects["mallory"] = true;
        using var client = _gateway.CreateClient();

        using var response = await SendAsync(client, "dcek_of_a_disabled_user");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("disabled", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_valid_key_reaches_the_module_as_a_token_and_never_as_itself()
    {
        _gateway.Identity.AccessKeys["dcek_of_alice"] = "alice";
        using var client = _gateway.CreateClient();

        using var first = await SendAsync(client, "dcek_of_alice");
        using var second = await SendAsync(client, "dcek_of_alice");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var echoed = await first.Content.ReadFromJsonAsync<EchoedRequest>();
        Assert.StartsWith("Bearer ey", echoed!.Authorization, StringComparison.Ordinal);
        Assert.DoesNotContain("dcek_", echoed.Authorization, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, _gateway.Identity.Exchanges);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Things);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await client.SendAsync(request);
    }
}
