using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.GlobalManagement.Services.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Tests.Security;

/// <summary>A token that is not fresh from a password sign-in cannot mint an access key (which would outlive its revocation).</summary>
[Trait("Category", "Security")]
public sealed class AccessKeyRecencyTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string CreateKey = "/apis/ghippo.io/v1alpha1/current-user/accesstoken";

    [Fact]
    public async Task A_sign_in_older_than_five_minutes_cannot_create_an_access_key()
    {
        await using var db = app.Database();
        var admin = await db.Users.SingleAsync(u => u.Name == GlobalManagementApp.AdminName);
        var signedInLongAgo = DateTimeOffset.UtcNow.AddMinutes(-6);
        var token = await app.Service<TokenIssuer>().IssueAsync(admin, signedInLongAgo, signedInLongAgo, CancellationToken.None);

        var created = await app.ClientWithToken(token.Token).PostAsJsonAsync(CreateKey, new { name = "late", expiredAt = DateTimeOffset.UtcNow.AddDays(1) });

        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
        Assert.Contains("Sign in again", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_an_access_key_cannot_create_another_access_key()
    {
        var admin = await app.AdminClientAsync();
        var created = await admin.PostAsJsonAsync(CreateKey, new { name = "first", expiredAt = DateTimeOffset.UtcNow.AddDays(1) });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var exchanged = await app.CreateClient().PostAsync("/apis/ghippo.io/v1alpha1/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:dce:params:oauth:grant-type:access-key",
            ["access_key"] = key,
        }));
        var keyToken = (await exchanged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;

        var second = await app.ClientWithToken(keyToken).PostAsJsonAsync(CreateKey, new { name = "second", expiredAt = DateTimeOffset.UtcNow.AddDays(1) });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
    }

    [Fact]
    public async Task A_fresh_sign_in_creates_an_access_key()
    {
        var admin = await app.AdminClientAsync();

        var created = await admin.PostAsJsonAsync(CreateKey, new { name = "fresh", expiredAt = DateTimeOffset.UtcNow.AddDays(1) });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
