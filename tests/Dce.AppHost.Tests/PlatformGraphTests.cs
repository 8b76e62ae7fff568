using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Dce.Testing;

namespace Dce.AppHost.Tests;

/// <summary>The whole graph, started as <c>dotnet run</c> starts it, with middleware from the OS packages.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformGraphTests(PlatformFixture platform)
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
        using var client = platform.App.CreateHttpClient("gateway", "http");

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.Contains("X-Request-Id"));
    }

    [Fact]
    public async Task Gateway_refuses_an_api_call_without_a_token_with_problem_details()
    {
        using var client = platform.App.CreateHttpClient("gateway", "http");

        using var response = await client.GetAsync(new Uri("/apis/unknown.io/v1alpha1/things", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal("401", problem!["status"].ToString());
    }

    [Fact]
    public async Task Global_management_serves_only_after_its_migration_step_completed()
    {
        var events = platform.App.ResourceNotifications;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var migration = await events.WaitForResourceAsync("ghippo-migrate", e => e.Snapshot.State?.Text == KnownResourceStates.Finished, timeout.Token);
        var module = await events.WaitForResourceHealthyAsync("ghippo", timeout.Token);

        Assert.Equal(0, migration.Snapshot.ExitCode);
        Assert.True(module.Snapshot.StartTimeStamp >= migration.Snapshot.StopTimeStamp);
    }

    [Fact]
    public async Task Login_through_the_gateway_gives_a_token_the_gateway_and_the_module_accept()
    {
        using var client = platform.App.CreateHttpClient("gateway", "http");

        using var login = await client.PostAsJsonAsync(new Uri("/apis/ghippo.io/v1alpha1/login", UriKind.Relative),
            new { username = "admin", password = PlatformFixture.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = (await login.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["idToken"].ToString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/ghippo.io/v1alpha1/current-user");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var me = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"admin\"", await me.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_document_and_keys_are_public_through_the_gateway()
    {
        using var client = platform.App.CreateHttpClient("gateway", "http");

        using var discovery = await client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative));
        using var keys = await client.GetAsync(new Uri("/apis/ghippo.io/v1alpha1/certs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Contains("\"keys\"", await keys.Content.ReadAsStringAsync(), StringComparison.Ordinal);
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
