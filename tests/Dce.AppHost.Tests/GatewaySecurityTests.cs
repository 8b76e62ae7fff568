using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting.Testing;

namespace Dce.AppHost.Tests;

/// <summary>The security matrix through the gateway of the running graph, driven by the modules' own OpenAPI documents.</summary>
[Collection(PlatformCollection.Name)]
public sealed class GatewaySecurityTests(PlatformFixture platform)
{
    private static readonly string[] AnonymousPaths =
    [
        "/apis/ghippo.io/v1alpha1/login",
        "/apis/ghippo.io/v1alpha1/refresh-token",
        "/apis/ghippo.io/v1alpha1/oidc/token",
        "/apis/ghippo.io/v1alpha1/certs",
        "/apis/ghippo.io/v1alpha1/.well-known/openid-configuration",
        "/.well-known/openid-configuration",
    ];

    [Theory]
    [InlineData("ghippo")]
    [InlineData("kpanda")]
    [InlineData("clusterpedia")]
    [InlineData("kairship")]
    [InlineData("insight")]
    public async Task Every_module_endpoint_answers_401_through_the_gateway_without_a_token(string module)
    {
        var operations = await ModuleOperationsAsync(module);
        using var gateway = platform.App.CreateHttpClient("gateway", "http");
        var answers = new List<string>();

        foreach (var (method, path) in operations.Where(o => !AnonymousPaths.Contains(o.Path)))
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = JsonContent.Create(new { });
            }

            using var response = await gateway.SendAsync(request);
            answers.Add($"{method} {path} -> {(int)response.StatusCode}");
        }

        Assert.True(operations.Count > 5, $"only {operations.Count} operations found");
        Assert.All(answers, answer => Assert.EndsWith("-> 401", answer, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tampered_and_unsigned_tokens_get_401_through_the_gateway()
    {
        using var gateway = platform.App.CreateHttpClient("gateway", "http");
        using var login = await gateway.PostAsJsonAsync(new Uri("/apis/ghippo.io/v1alpha1/login", UriKind.Relative),
            new { username = "admin", password = PlatformFixture.AdminPassword });
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idToken").GetString()!;
        var parts = token.Split('.');
        var claims = Encoding.UTF8.GetString(FromBase64Url(parts[1])).Replace("\"admin\"", "\"root\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{ToBase64Url(Encoding.UTF8.GetBytes(claims))}.{parts[2]}";
        var unsigned = $"{ToBase64Url("""{"alg":"none","typ":"JWT"}"""u8.ToArray())}.{parts[1]}.";

        Assert.Equal(HttpStatusCode.OK, await CurrentUserStatusAsync(gateway, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await CurrentUserStatusAsync(gateway, tampered));
        Assert.Equal(HttpStatusCode.Unauthorized, await CurrentUserStatusAsync(gateway, unsigned));
    }

    private static async Task<HttpStatusCode> CurrentUserStatusAsync(HttpClient gateway, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apis/ghippo.io/v1alpha1/current-user");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await gateway.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<List<(string Method, string Path)>> ModuleOperationsAsync(string module)
    {
        using var client = platform.App.CreateHttpClient(module, "http");
        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative));
        var operations = new List<(string, string)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var concrete = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", "x");
            operations.AddRange(path.Value.EnumerateObject()
                .Where(operation => operation.Name is "get" or "post" or "put" or "patch" or "delete")
                .Select(operation => (operation.Name.ToUpperInvariant(), concrete)));
        }

        return operations;
    }

    private static string ToBase64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
