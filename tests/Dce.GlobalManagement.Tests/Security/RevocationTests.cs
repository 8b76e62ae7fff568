using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;

namespace Dce.GlobalManagement.Tests.Security;

[Trait("Category", "Security")]
public sealed class RevocationTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Api = "/apis/ghippo.io/v1alpha1";
    private static readonly TimeSpan RevocationPatience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Password_change_kills_token_refresh_token_and_access_key_everywhere()
    {
        var victim = await SignedInVictimAsync();

        var changed = await app.ClientWithToken(victim.Token).PutAsJsonAsync($"{Api}/current-user/password", new { oldPassword = TestUsers.Password, newPassword = "Changed-Secret-77" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await AssertDeadEverywhereAsync(victim);
    }

    [Fact]
    public async Task Password_reset_kills_token_refresh_token_and_access_key_everywhere()
    {
        var victim = await SignedInVictimAsync();
        var admin = await app.AdminClientAsync();

        var reset = await admin.PutAsJsonAsync($"{Api}/users/{victim.Id}/password", new { password = "Reset-Secret-77" });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        await AssertDeadEverywhereAsync(victim);
    }

    [Fact]
    public async Task Disabling_kills_token_refresh_token_and_access_key_everywhere()
    {
        var victim = await SignedInVictimAsync();
        var admin = await app.AdminClientAsync();

        var disabled = await admin.PutAsJsonAsync($"{Api}/users/{victim.Id}", new { enabled = false });

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        await AssertDeadEverywhereAsync(victim);
    }

    [Fact]
    public async Task Taking_away_a_users_platform_roles_kills_its_tokens_everywhere()
    {
        var victim = await SignedInVictimAsync();
        var admin = await app.AdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{Api}/users/{victim.Id}/roles", new { roles = new[] { "admin" } })).StatusCode);
        var holder = await SignInAsync(victim.Name, TestUsers.Password);

        var removed = await admin.PutAsJsonAsync($"{Api}/users/{victim.Id}/roles", new { roles = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        await AssertDeadEverywhereAsync(victim with { Token = holder.Token, RefreshToken = holder.RefreshToken });
    }

    [Fact]
    public async Task A_valid_token_works_at_another_module()
    {
        var victim = await SignedInVictimAsync();
        await using var module = await OtherModule.StartAsync(app);

        var answer = await module.ClientWithToken(victim.Token).GetAsync(OtherModule.WhoAmIPath);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    private async Task AssertDeadEverywhereAsync(Victim victim)
    {
        await using var module = await OtherModule.StartAsync(app);
        await Eventually.Until(async () =>
            (await app.ClientWithToken(victim.Token).GetAsync($"{Api}/current-user")).StatusCode == HttpStatusCode.Unauthorized,
            "the token is refused by Global Management", RevocationPatience);
        await Eventually.Until(async () =>
            (await module.ClientWithToken(victim.Token).GetAsync(OtherModule.WhoAmIPath)).StatusCode == HttpStatusCode.Unauthorized,
            "the token is refused by another module", RevocationPatience);

        var refreshed = await app.CreateClient().PostAsJsonAsync($"{Api}/refresh-token", new { refreshToken = victim.RefreshToken });
        var exchanged = await ExchangeAccessKeyAsync(victim.AccessKey);

        Assert.Equal(HttpStatusCode.Unauthorized, refreshed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, exchanged.StatusCode);
    }

    private async Task<Victim> SignedInVictimAsync()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("victim");
        var id = await TestUsers.CreateAsync(admin, name);
        var session = await SignInAsync(name, TestUsers.Password);
        var created = await app.ClientWithToken(session.Token).PostAsJsonAsync($"{Api}/current-user/accesstoken", new { name = "ci", expiredAt = DateTimeOffset.UtcNow.AddDays(30) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAccessKeyAsync(key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(session.Token).GetAsync($"{Api}/current-user")).StatusCode);
        return new Victim(id, name, session.Token, session.RefreshToken, key);
    }

    private async Task<(string Token, string RefreshToken)> SignInAsync(string name, string password)
    {
        var login = await app.CreateClient().PostAsJsonAsync($"{Api}/login", new { username = name, password });
        login.EnsureSuccessStatusCode();
        var answer = await login.Content.ReadFromJsonAsync<GlobalManagementApp.LoginAnswer>();
        return (answer!.IdToken, answer.RefreshToken!);
    }

    private Task<HttpResponseMessage> ExchangeAccessKeyAsync(string key) =>
        app.CreateClient().PostAsync($"{Api}/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:dce:params:oauth:grant-type:access-key",
            ["access_key"] = key,
        }));

    private sealed record Victim(Guid Id, string Name, string Token, string RefreshToken, string AccessKey);
}
