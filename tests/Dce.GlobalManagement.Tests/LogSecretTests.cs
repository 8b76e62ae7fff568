using System.Net.Http.Json;
using System.Text.Json;

namespace Dce.GlobalManagement.Tests;

public sealed class LogSecretTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Api = "/apis/ghippo.io/v1alpha1";

    [Fact]
    public async Task Passwords_and_tokens_never_appear_in_the_logs()
    {
        var secrets = new List<string> { GlobalManagementApp.AdminPassword, GlobalManagementApp.Passphrase };
        var client = app.CreateClient();
        var login = await (await client.PostAsJsonAsync($"{Api}/login", new { username = GlobalManagementApp.AdminName, password = GlobalManagementApp.AdminPassword }))
            .Content.ReadFromJsonAsync<GlobalManagementApp.LoginAnswer>();
        secrets.Add(login!.IdToken);
        secrets.Add(login.RefreshToken!);
        var admin = app.ClientWithToken(login.IdToken);

        var name = TestUsers.UniqueName("secretive");
        const string password = "Very-Private-Words-93";
        const string newPassword = "Even-More-Private-71";
        const string wrongPassword = "Guessing-Badly-00";
        secrets.AddRange([password, newPassword, wrongPassword]);
        var userId = await TestUsers.CreateAsync(admin, name, password);
        await client.PostAsJsonAsync($"{Api}/login", new { username = name, password = wrongPassword });
        await admin.PutAsJsonAsync($"{Api}/users/{userId}/password", new { password = newPassword });
        await admin.PostAsJsonAsync($"{Api}/users", new { name = TestUsers.UniqueName("weak"), password = "short" });
        secrets.Add("short");

        var refreshed = await (await client.PostAsJsonAsync($"{Api}/refresh-token", new { refreshToken = login.RefreshToken }))
            .Content.ReadFromJsonAsync<GlobalManagementApp.LoginAnswer>();
        secrets.Add(refreshed!.IdToken);
        secrets.Add(refreshed.RefreshToken!);
        var key = await (await admin.PostAsJsonAsync($"{Api}/current-user/accesstoken", new { name = "pipeline", expiredAt = DateTimeOffset.UtcNow.AddDays(1) }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var accessKey = key.GetProperty("token").GetString()!;
        secrets.Add(accessKey);
        var exchanged = await (await client.PostAsync($"{Api}/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:dce:params:oauth:grant-type:access-key",
            ["access_key"] = accessKey,
        }))).Content.ReadFromJsonAsync<JsonElement>();
        secrets.Add(exchanged.GetProperty("access_token").GetString()!);
        await app.ClientWithToken("not-a-token." + login.IdToken).GetAsync($"{Api}/current-user");

        Assert.True(app.Logs.Lines.Count > 10, "the logs were not captured");
        foreach (var secret in secrets.Where(s => s.Length >= 5))
        {
            Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        // A token's signature alone must not leak either.
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(login.IdToken.Split('.')[2], StringComparison.Ordinal));
    }
}
