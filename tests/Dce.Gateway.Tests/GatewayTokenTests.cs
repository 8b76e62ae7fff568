using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Dce.Gateway.Tests;

public sealed class GatewayTokenTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    private const string ProtectedPath = "/apis/demo.io/v1/things";

    [Fact]
    public async Task No_token_is_401_problem_details()
    {
        using var response = await SendAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Valid_token_passes()
    {
        using var response = await SendAsync(gateway.Identity.IssueToken("alice"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Expired_token_is_401()
    {
        var token = gateway.Identity.IssueToken("alice", lifetime: TimeSpan.FromMinutes(5), notBefore: DateTime.UtcNow.AddHours(-1));

        using var response = await SendAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Token_for_another_audience_is_401()
    {
        using var response = await SendAsync(gateway.Identity.IssueToken("alice", audience: "someone-else"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_token_is_401()
    {
        var parts = gateway.Identity.IssueToken("alice").Split('.');
        var claims = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"alice\"", "\"admin\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(claims))}.{parts[2]}";

        using var response = await SendAsync(tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Unsigned_alg_none_token_is_401()
    {
        var parts = gateway.Identity.IssueToken("alice").Split('.');
        var header = Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());

        using var response = await SendAsync($"{header}.{parts[1]}.");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string? token)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ProtectedPath);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
