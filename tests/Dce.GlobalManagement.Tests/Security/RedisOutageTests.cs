using System.Net;
using Dce.Testing;

namespace Dce.GlobalManagement.Tests.Security;

/// <summary>Global Management on a Redis server of its own, which the tests stop and start again.</summary>
public sealed class GlobalManagementWithOwnRedis : GlobalManagementApp
{
    public LocalRedis Redis { get; private set; } = null!;

    protected override async Task<string> RedisConnectionStringAsync()
    {
        Redis = await LocalRedis.StartAsync();
        return Redis.ConnectionString;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
    }
}

[Trait("Category", "Security")]
public sealed class RedisOutageTests(GlobalManagementWithOwnRedis app) : IClassFixture<GlobalManagementWithOwnRedis>
{
    private const string CurrentUser = "/apis/ghippo.io/v1alpha1/current-user";

    [Fact]
    public async Task Redis_down_answers_503_with_Retry_After_and_stays_alive_then_recovers_by_itself()
    {
        var client = await app.AdminClientAsync();
        await using var module = await OtherModule.StartAsync(app);
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(CurrentUser)).StatusCode);

        await app.Redis.StopAsync();
        try
        {
            HttpResponseMessage? down = null;
            await Eventually.Until(async () => (down = await client.GetAsync(CurrentUser)).StatusCode == HttpStatusCode.ServiceUnavailable,
                "Global Management answers 503 while Redis is down");
            HttpResponseMessage? moduleDown = null;
            await Eventually.Until(async () => (moduleDown = await module.ClientWithToken(token).GetAsync(OtherModule.WhoAmIPath)).StatusCode == HttpStatusCode.ServiceUnavailable,
                "another module answers 503 while Redis is down");
            var alive = await app.CreateClient().GetAsync("/alive");

            Assert.NotNull(down!.Headers.RetryAfter);
            Assert.Equal("application/problem+json", down.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(moduleDown!.Headers.RetryAfter);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        finally
        {
            await app.Redis.RestartAsync();
        }

        await Eventually.Until(async () => (await client.GetAsync(CurrentUser)).StatusCode == HttpStatusCode.OK,
            "Global Management serves the same token again once Redis is back");
        await Eventually.Until(async () => (await module.ClientWithToken(token).GetAsync(OtherModule.WhoAmIPath)).StatusCode == HttpStatusCode.OK,
            "another module serves the same token again once Redis is back");
    }
}
