using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Dce.Gateway.Tests;

public sealed class GatewayRoutingTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    [Fact]
    public async Task Routes_an_api_group_to_its_module_with_request_id_and_forwarded_headers()
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/demo.io/v1/things/a");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Identity.IssueToken("alice"));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await response.Content.ReadFromJsonAsync<EchoedRequest>();
        Assert.Equal("/apis/demo.io/v1/things/a", echoed!.Path);
        Assert.Equal(response.Headers.GetValues("X-Request-Id").Single(), echoed.RequestId);
        Assert.Equal("localhost", echoed.ForwardedHost);
        Assert.StartsWith("Bearer ", echoed.Authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keeps_a_sane_request_id_and_replaces_a_hostile_one()
    {
        using var client = gateway.CreateClient();

        using var kept = await client.SendAsync(WithRequestId("/apis/demo.io/v1/login", "trace-123"));
        using var replaced = await client.SendAsync(WithRequestId("/apis/demo.io/v1/login", "<script>alert(1)</script>"));

        Assert.Equal("trace-123", (await kept.Content.ReadFromJsonAsync<EchoedRequest>())!.RequestId);
        var replacedId = (await replaced.Content.ReadFromJsonAsync<EchoedRequest>())!.RequestId;
        Assert.Matches("^[0-9a-f]{32}$", replacedId);
    }

    [Fact]
    public async Task Anonymous_route_needs_no_token()
    {
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync(new Uri("/apis/demo.io/v1/login", UriKind.Relative), content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_group_is_404_problem_details_for_a_signed_in_caller_and_401_for_anyone_else()
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/unknown.io/v1/things");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Identity.IssueToken("alice"));

        using var signedIn = await client.SendAsync(request);
        using var anonymous = await client.GetAsync(new Uri("/apis/unknown.io/v1/things", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.Equal("application/problem+json", signedIn.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_site_root_answers_every_other_path_but_never_an_api_path()
    {
        using var client = gateway.CreateClient();

        using var page = await client.GetAsync(new Uri("/workloads?cluster=a", UriKind.Relative));
        using var api = await client.GetAsync(new Uri("/apis/unknown.io/v1/things", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/workloads", (await page.Content.ReadFromJsonAsync<EchoedRequest>())!.Path);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task Health_and_liveness_answer_without_a_token()
    {
        using var client = gateway.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode);
    }

    private static HttpRequestMessage WithRequestId(string path, string requestId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("X-Request-Id", requestId);
        return request;
    }
}
