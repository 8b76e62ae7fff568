using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dce.Testing;

namespace Dce.AppHost.Tests;

/// <summary>The whole graph, started as <c>dotnet run</c> starts it, with middleware from the OS packages.</summary>
public sealed class PlatformGraphTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    public static TheoryData<string> Resources => new(PlatformFixture.ResourceNames);

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Every_resource_reaches_healthy(string resource)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
    }

    [Fact]
    public async Task Gateway_answers_its_health_with_a_request_id()
    {
        using var client = platform.App.CreateHttpClient("gateway");

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task Gateway_refuses_an_api_call_without_a_token_with_problem_details()
    {
        using var client = platform.App.CreateHttpClient("gateway");

        using var response = await client.GetAsync(new Uri("/apis/unknown.io/v1alpha1/things", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("401", problem!["status"].ToString());
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("redis")]
    [InlineData("messaging")]
    public void Middleware_listens_on_loopback_only(string resource)
    {
        var server = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resource);
        Assert.True(server.TryGetEndpoints(out var endpoints));
        var port = endpoints.Single().AllocatedEndpoint!.Port;

        var addresses = ListeningSockets.AddressesOn(port);

        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.Equal(IPAddress.Loopback, address));
    }
}
