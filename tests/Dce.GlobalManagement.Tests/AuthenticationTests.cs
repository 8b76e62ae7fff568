using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dce.GlobalManagement.Services.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Dce.GlobalManagement.Tests;

public sealed class AuthenticationTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Me = "/apis/ghippo.io/v1alpha1/current-user";

    [Fact]
    public async Task Every_endpoint_not_marked_anonymous_answers_401_without_a_token()
    {
        var client = app.CreateClient();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (method, path: Concrete(e.RoutePattern.RawText!))))
            .ToList();

        var answers = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };
            var response = await client.SendAsync(request);
            answers.Add($"{(int)response.StatusCode} {method} {path}");
        }

        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");
        Assert.All(answers, answer => Assert.StartsWith("401 ", answer));
    }

    [Fact]
    public async Task Expired_token_is_refused()
    {
        var admin = await AdminAsync();
        var expired = await app.Service<TokenIssuer>().IssueAsync(admin, null, DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);

        var response = await app.ClientWithToken(expired.Token).GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Valid_token_is_accepted()
    {
        var response = await (await app.AdminClientAsync()).GetAsync(Me);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_token_is_refused()
    {
        var parts = (await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword)).Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"admin\"", "\"root\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var response = await app.ClientWithToken(tampered).GetAsync(Me);

        Assert.NotEqual(parts[1], Base64UrlEncoder.Encode(payload));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_refused()
    {
        var parts = (await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword)).Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");

        var response = await app.ClientWithToken($"{header}.{parts[1]}.").GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_signed_with_a_shared_secret_is_refused()
    {
        var parts = (await app.LoginAsync(GlobalManagementApp.AdminName, GlobalManagementApp.AdminPassword)).Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT"}""");
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64)));
        var signature = new HMACSHA256Signer(key).Sign($"{header}.{parts[1]}");

        var response = await app.ClientWithToken($"{header}.{parts[1]}.{signature}").GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Disabled_users_token_stops_working_at_once_and_stays_revoked_when_enabled_again()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("disabled");
        var id = await TestUsers.CreateAsync(admin, name);
        var user = await app.ClientForAsync(name, TestUsers.Password);
        var before = await user.GetAsync(Me);

        await admin.PutAsJsonAsync($"/apis/ghippo.io/v1alpha1/users/{id}", new { enabled = false });
        var disabled = await user.GetAsync(Me);
        var login = await app.CreateClient().PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = name, password = TestUsers.Password });
        await admin.PutAsJsonAsync($"/apis/ghippo.io/v1alpha1/users/{id}", new { enabled = true });
        var oldTokenWhenEnabled = await user.GetAsync(Me);
        var signedInAgain = await app.ClientForAsync(name, TestUsers.Password);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldTokenWhenEnabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedInAgain.GetAsync(Me)).StatusCode);
    }

    [Fact]
    public async Task Deleted_users_token_stops_working()
    {
        var admin = await app.AdminClientAsync();
        var name = TestUsers.UniqueName("deleted");
        var id = await TestUsers.CreateAsync(admin, name);
        var user = await app.ClientForAsync(name, TestUsers.Password);

        await admin.DeleteAsync($"/apis/ghippo.io/v1alpha1/users/{id}");
        var response = await user.GetAsync(Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<Model.User> AdminAsync()
    {
        await using var db = app.Database();
        return await db.Users.SingleAsync(u => u.Name == GlobalManagementApp.AdminName);
    }

    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, "{([^}:]+)(:[^}]+)?}", match => match.Groups[2].Value switch
        {
            ":guid" => Guid.NewGuid().ToString(),
            ":int" => "1",
            _ => "x",
        });

    private sealed class HMACSHA256Signer(SymmetricSecurityKey key)
    {
        public string Sign(string input)
        {
            using var hmac = new System.Security.Cryptography.HMACSHA256(key.Key);
            return Base64UrlEncoder.Encode(hmac.ComputeHash(Encoding.ASCII.GetBytes(input)));
        }
    }
}
