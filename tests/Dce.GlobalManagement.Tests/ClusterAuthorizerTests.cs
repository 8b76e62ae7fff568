using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using StackExchange.Redis;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

/// <summary>Another module's view: endpoints guarded by <c>RequireClusterPermission</c> and lists filtered by <c>ClusterScopeAsync</c>, answered by the real Global Management.</summary>
public sealed class ClusterAuthorizerTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task Guarded_endpoints_follow_the_namespaces_and_clusters_bound_to_the_callers_workspace()
    {
        var admin = await app.AdminClientAsync();
        var (cluster, whole) = (TestUsers.UniqueName("c"), TestUsers.UniqueName("whole"));
        var mine = await WorkspaceAsync(admin, TestUsers.UniqueName("mine"));
        var theirs = await WorkspaceAsync(admin, TestUsers.UniqueName("theirs"));
        await BindAsync(admin, mine, cluster, "shop");
        await BindAsync(admin, mine, whole);
        await BindAsync(admin, theirs, cluster, "bank");
        var (module, client) = await ModuleForAsync(admin, mine, "ns-viewer");
        await using var running = module;

        var own = await client.GetAsync($"/clusters/{cluster}/namespaces/shop/pods");
        var again = await client.GetAsync($"/clusters/{cluster}/namespaces/shop/pods");
        var foreign = await client.GetAsync($"/clusters/{cluster}/namespaces/bank/pods");
        var wholeCluster = await client.GetAsync($"/clusters/{whole}/namespaces");
        var partCluster = await client.GetAsync($"/clusters/{cluster}/namespaces");
        var badName = await client.GetAsync("/clusters/Not_A_Cluster/namespaces");
        var scope = await client.GetFromJsonAsync<ClusterScope>("/pods");
        var cachedScope = await client.GetFromJsonAsync<ClusterScope>("/pods");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        var detail = (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains($"list pods in namespace {cluster}/bank", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wholeCluster.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, partCluster.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        Assert.NotNull(scope);
        Assert.False(scope.All);
        Assert.Equal([whole], scope.Clusters);
        Assert.Equal([new ClusterNamespace(cluster, "shop")], scope.Namespaces);
        Assert.True(scope.CoversNamespace(cluster, "shop"));
        Assert.Equal(scope.Namespaces, cachedScope!.Namespaces);
        Assert.Equal(scope.Clusters, cachedScope.Clusters);
        Assert.False(scope.TouchesCluster(TestUsers.UniqueName("none")));
    }

    [Fact]
    public async Task Binding_a_namespace_reaches_the_modules_cached_answers_at_once()
    {
        var admin = await app.AdminClientAsync();
        var cluster = TestUsers.UniqueName("c");
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("late"));
        var (module, client) = await ModuleForAsync(admin, workspace, "ns-editor");
        await using var running = module;

        var before = await client.GetAsync($"/clusters/{cluster}/namespaces/web/pods");
        var scopeBefore = await client.GetFromJsonAsync<ClusterScope>("/pods");
        await BindAsync(admin, workspace, cluster, "web");
        var after = await client.GetAsync($"/clusters/{cluster}/namespaces/web/pods");
        var scopeAfter = await client.GetFromJsonAsync<ClusterScope>("/pods");

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Empty(scopeBefore!.Namespaces);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal([new ClusterNamespace(cluster, "web")], scopeAfter!.Namespaces);
    }

    [Fact]
    public async Task Platform_role_covers_every_cluster()
    {
        var admin = await app.AdminClientAsync();
        await using var module = await StartModuleAsync();
        var client = module.GetTestClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;

        var anyCluster = await client.GetAsync($"/clusters/{TestUsers.UniqueName("c")}/namespaces");
        var scope = await client.GetFromJsonAsync<ClusterScope>("/pods");

        Assert.Equal(HttpStatusCode.OK, anyCluster.StatusCode);
        Assert.True(scope!.All);
    }

    [Fact]
    public async Task Call_without_a_bearer_token_is_refused_with_401()
    {
        await using var module = await StartModuleAsync();

        var response = await module.GetTestClient().GetAsync("/clusters/c1/namespaces/shop/pods");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Unreachable_global_management_fails_closed_with_503()
    {
        // Port 9 (discard) has no listener here: the connection is refused, as when Global Management is down.
        await using var module = await StartModuleAsync(unreachable: true);
        var client = module.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword));

        var guarded = await client.GetAsync("/clusters/c1/namespaces/shop/pods");
        var scope = await client.GetAsync("/pods");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, guarded.StatusCode);
        Assert.NotNull(guarded.Headers.RetryAfter);
        Assert.Equal("application/problem+json", guarded.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, scope.StatusCode);
    }

    private async Task<(WebApplication Module, HttpClient Client)> ModuleForAsync(HttpClient admin, int workspaceId, string role)
    {
        var name = TestUsers.UniqueName(role);
        await GrantAsync(admin, "workspaces", workspaceId, "User", await TestUsers.CreateAsync(admin, name), role);
        var module = await StartModuleAsync();
        var client = module.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.LoginAsync(name, TestUsers.Password));
        return (module, client);
    }

    private Task BindAsync(HttpClient admin, int workspaceId, string cluster, string? @namespace = null) =>
        TestHierarchy.BindAsync(app, admin, workspaceId, cluster, @namespace);

    private async Task<WebApplication> StartModuleAsync(bool unreachable = false)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (unreachable)
        {
            builder.Configuration["Dce:Authorization:Endpoint"] = "http://127.0.0.1:9";
        }

        builder.AddWorkspaceAuthorization("kpanda");
        builder.Services.AddSingleton<IConnectionMultiplexer>(await ConnectionMultiplexer.ConnectAsync(app.RedisConnectionString));
        if (!unreachable)
        {
            builder.Services.AddHttpClient(nameof(IClusterAuthorizer)).ConfigurePrimaryHttpMessageHandler(() => app.Server.CreateHandler());
        }

        builder.Services.AddProblemDetails();
        var module = builder.Build();

        // Stands in for the platform's bearer authentication: the subject comes from the (already validated) token.
        module.Use((context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            if (header.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", new JsonWebToken(header["Bearer ".Length..]).Subject)], "test"));
            }

            return next(context);
        });
        module.MapGet("/clusters/{cluster}/namespaces/{namespace}/pods", () => TypedResults.Ok()).RequireClusterPermission("list", "pods");
        module.MapGet("/clusters/{cluster}/namespaces", () => TypedResults.Ok()).RequireClusterPermission("list", "namespaces");
        module.MapGet("/pods", async (HttpContext http) =>
        {
            try
            {
                return Results.Ok(await http.ClusterScopeAsync("list", "pods"));
            }
            catch (HttpRequestException)
            {
                return Results.Problem("Authorization cannot be checked right now.", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        });
        await module.StartAsync();
        return module;
    }
}
