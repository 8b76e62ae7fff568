using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dce.GlobalManagement.Tests;

public sealed class SessionTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Login = "/apis/ghippo.io/v1alpha1/login";

    [Fact]
    public async Task Login_answers_an_RS256_token_with_the_platform_claims()
    {
        var token = new JsonWebToken(await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword));

        Assert.Equal("RS256", token.Alg);
        Assert.False(string.IsNullOrEmpty(token.Kid));
        Assert.Equal("dce", token.Issuer);
        Assert.Contains("dce", token.Audiences);
        Assert.True(Guid.TryParse(token.Subject, out _));
        Assert.Equal(GlobalManagementApp.AdminName, token.GetClaim("preferred_username").Value);
        Assert.False(string.IsNullOrEmpty(token.Id));
        Assert.Equal(TimeSpan.FromMinutes(10), token.ValidTo - token.IssuedAt);
    }

    [Fact]
    public async Task Jwks_publishes_the_key_that_signed_the_token_and_no_private_parts()
    {
        var token = new JsonWebToken(await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword));
        var jwks = await app.CreateClient().GetFromJsonAsync<JsonElement>("/apis/ghippo.io/v1alpha1/certs");

        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.Contains(keys, k => k.GetProperty("kid").GetString() == token.Kid);
        Assert.All(keys, k => Assert.False(k.TryGetProperty("d", out _)));
    }

    [Fact]
    public async Task Discovery_names_the_issuer_keys_and_token_endpoint()
    {
        var discovery = await app.CreateClient().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");

        Assert.Equal("dce", discovery.GetProperty("issuer").GetString());
        Assert.EndsWith("/apis/ghippo.io/v1alpha1/certs", discovery.GetProperty("jwks_uri").GetString());
        Assert.EndsWith("/apis/ghippo.io/v1alpha1/oidc/token", discovery.GetProperty("token_endpoint").GetString());
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_problem_details()
    {
        var response = await app.CreateClient().PostAsJsonAsync(Login, new { username = GlobalManagementApp.AdminName, password = "Not-The-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("locked");
        await TestUsers.CreateAsync(admin, name);
        var client = app.CreateClient();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await client.PostAsJsonAsync(Login, new { username = name, password = "Wrong-Password-9" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsJsonAsync(Login, new { username = name, password = TestUsers.Password });
        Assert.Equal(HttpStatusCode.Locked, right.StatusCode);
    }

    [Fact]
    public async Task Refresh_token_rotates_and_a_reused_one_is_refused()
    {
        var login = await app.CreateClient().PostAsJsonAsync(Login, new { username = GlobalManagementApp.AdminName, password = GlobalManagementApp.AdminPassword });
        var first = await login.Content.ReadFromJsonAsync<GlobalManagementApp.LoginAnswer>();

        var refreshed = await app.CreateClient().PostAsJsonAsync("/apis/ghippo.io/v1alpha1/refresh-token", new { refreshToken = first!.RefreshToken });
        var second = await refreshed.Content.ReadFromJsonAsync<GlobalManagementApp.LoginAnswer>();
        var reused = await app.CreateClient().PostAsJsonAsync("/apis/ghippo.io/v1alpha1/refresh-token", new { refreshToken = first.RefreshToken });
        var afterReuse = await app.CreateClient().PostAsJsonAsync("/apis/ghippo.io/v1alpha1/refresh-token", new { refreshToken = second!.RefreshToken });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterReuse.StatusCode);
    }

    [Fact]
    public async Task Access_key_is_exchanged_for_a_token_at_the_token_endpoint()
    {
        var admin = await app.AdminClientAsync();
        var created = await admin.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/current-user/accesstoken", new { name = "ci", expiredAt = DateTimeOffset.UtcNow.AddDays(30) });
        var key = await created.Content.ReadFromJsonAsync<JsonElement>();

        var exchanged = await app.CreateClient().PostAsync("/apis/ghippo.io/v1alpha1/oidc/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:dce:params:oauth:grant-type:access-key",
            ["access_key"] = key.GetProperty("token").GetString()!,
        }));
        var token = await exchanged.Content.ReadFromJsonAsync<JsonElement>();
        var me = await app.ClientWithToken(token.GetProperty("access_token").GetString()!).GetFromJsonAsync<JsonElement>("/apis/ghippo.io/v1alpha1/current-user");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal(GlobalManagementApp.AdminName, me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Users_change_their_own_password_only_with_the_current_one()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("changer");
        await TestUsers.CreateAsync(admin, name);
        var user = await app.ClientForAsync(name, TestUsers.Password);

        var wrongOld = await user.PutAsJsonAsync("/apis/ghippo.io/v1alpha1/current-user/password", new { oldPassword = "Not-Current-11", newPassword = "Brand-New-Secret-5" });
        var changed = await user.PutAsJsonAsync("/apis/ghippo.io/v1alpha1/current-user/password", new { oldPassword = TestUsers.Password, newPassword = "Brand-New-Secret-5" });
        var oldLogin = await app.CreateClient().PostAsJsonAsync(Login, new { username = name, password = TestUsers.Password });
        var newLogin = await app.CreateClient().PostAsJsonAsync(Login, new { username = name, password = "Brand-New-Secret-5" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongOld.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldLogin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newLogin.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/apis/ghippo.io/v1alpha1/login", document, StringComparison.Ordinal);
        Assert.Contains("/apis/ghippo.io/v1alpha1/authorization:check", document, StringComparison.Ordinal);
        Assert.Contains("/apis/ghippo.io/v1alpha3/audits", document, StringComparison.Ordinal);
    }
}
