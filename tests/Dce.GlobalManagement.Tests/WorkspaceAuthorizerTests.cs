using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Dce.Platform.Contracts.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using StackExchange.Redis;
using static Dce.GlobalManagement.Tests.TestHierarchy;

namespace Dce.GlobalManagement.Tests;

/// <summary>Another module's view: an endpoint guarded by <c>RequireWorkspacePermission</c>, answered by the real Global Management.</summary>
public sealed class WorkspaceAuthorizerTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task Guarded_endpoint_lets_members_read_and_refuses_writes_and_other_workspaces()
    {
        var admin = await app.AdminClientAsync();
        var mine = await WorkspaceAsync(admin, TestUsers.UniqueName("mine"));
        var theirs = await WorkspaceAsync(admin, TestUsers.UniqueName("theirs"));
        var name = TestUsers.UniqueName("kp-viewer");
        var userId = await TestUsers.CreateAsync(admin, name);
        await GrantAsync(admin, "workspaces", mine, "User", userId, "workspace-viewer");
        await using var module = await StartModuleAsync();
        var client = module.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.LoginAsync(name, TestUsers.Password));

        var read = await client.GetAsync($"/workspaces/{mine}/deployments");
        var write = await client.PostAsync($"/workspaces/{mine}/deployments", null);
        var other = await client.GetAsync($"/workspaces/{theirs}/deployments");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/workspaces/{mine}/deployments")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Revocation_reaches_the_modules_cached_answers_at_once()
    {
        var admin = await app.AdminClientAsync();
        var workspace = await WorkspaceAsync(admin, TestUsers.UniqueName("revoke"));
        var name = TestUsers.UniqueName("kp-revoked");
        var userId = await TestUsers.CreateAsync(admin, name);
        await GrantAsync(admin, "workspaces", workspace, "User", userId, "workspace-viewer");
        await using var module = await StartModuleAsync();
        var client = module.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.LoginAsync(name, TestUsers.Password));

        var before = await client.GetAsync($"/workspaces/{workspace}/deployments");
        await admin.PutAsJsonAsync($"{Api}/workspaces/{workspace}/deauthorize", new { subjectKind = "User", subjectId = userId, roleName = "workspace-viewer" });
        var after = await client.GetAsync($"/workspaces/{workspace}/deployments");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
    }

    private async Task<WebApplication> StartModuleAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.AddWorkspaceAuthorization("kpanda");
        builder.Services.AddSingleton<IConnectionMultiplexer>(await ConnectionMultiplexer.ConnectAsync(app.RedisConnectionString));
        builder.Services.AddHttpClient(nameof(IWorkspaceAuthorizer))
            .ConfigurePrimaryHttpMessageHandler(() => app.Server.CreateHandler());
        builder.Services.AddProblemDetails();
        var module = builder.Build();

        // Stands in for the platform's bearer authentication: the subject comes from the (already validated) token.
        module.Use((context, next) =>
        {
            var token = context.Request.Headers.Authorization.ToString()["Bearer ".Length..];
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", new JsonWebToken(token).Subject)], "test"));
            return next(context);
        });
        module.MapGet("/workspaces/{workspaceId}/deployments", () => TypedResults.Ok()).RequireWorkspacePermission("list", "deployments");
        module.MapPost("/workspaces/{workspaceId}/deployments", () => TypedResults.Ok()).RequireWorkspacePermission("create", "deployments");
        await module.StartAsync();
        return module;
    }
}
