using System.Net;
using System.Net.Http.Headers;

namespace Dce.Gateway.Tests;

public sealed class GatewayRateLimitTests : IAsyncLifetime
{
    private readonly GatewayFactory _gateway = GatewayFactory.WithRateLimit(requestsPerSecond: 1, burst: 3);

    public Task InitializeAsync() => _gateway.InitializeAsync();

    public Task DisposeAsync() => _gateway.DisposeAsync();

    [Fact]
    public async Task A_subject_over_its_budget_gets_429_while_another_subject_still_passes()
    {
        using var client = _gateway.CreateClient();
        var alice = _gateway.Identity.IssueToken("alice");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await SendAsync(client, alice);
            statuses.Add(response.StatusCode);
        }

        using var bob = await SendAsync(client, _gateway.Identity.IssueToken("bob"));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 5, string.Join(",", statuses));
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/demo.io/v1/things");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
