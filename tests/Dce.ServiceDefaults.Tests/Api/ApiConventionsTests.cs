using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ServiceDefaults.Tests.Api;

/// <summary>A service built with AddServiceDefaults, served by Kestrel on loopback.</summary>
public sealed class ApiConventionsTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapPost("/things", (Thing thing) => TypedResults.Ok(thing));
        _app.MapGet("/boom", IResult () => throw new InvalidOperationException("secret internals"));
        _app.MapGet("/database", async () =>
        {
            // Nothing listens on port 1: the connection is refused, as while the database restarts.
            await using var connection = new Npgsql.NpgsqlConnection("Host=127.0.0.1;Port=1;Username=dce;Timeout=2");
            await connection.OpenAsync();
            return TypedResults.Ok();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/version")]
    public async Task Probes_openapi_and_version_answer(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details_that_says_what_is_wrong()
    {
        using var body = new StringContent("{\"name\": ", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync(new Uri("/things", UriKind.Relative), body);

        var problem = await ReadProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_json_type_is_400_problem_details()
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/things", UriKind.Relative), new { name = "a", size = "large" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await ReadProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unknown_path_is_404_problem_details()
    {
        using var response = await _client.GetAsync(new Uri("/nowhere", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await ReadProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unhandled_error_is_500_problem_details_without_internals()
    {
        using var response = await _client.GetAsync(new Uri("/boom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret internals", text, StringComparison.Ordinal);
        Assert.Equal(500, (await ReadProblemAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_unreachable_database_is_503_with_Retry_After_not_a_500()
    {
        using var response = await _client.GetAsync(new Uri("/database", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("database cannot be reached", (await ReadProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_is_camel_case_with_string_enums()
    {
        using var response = await _client.PostAsJsonAsync(new Uri("/things", UriKind.Relative), new { name = "a", size = 2, kind = "Large" });

        var json = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"name":"a","size":2,"kind":"Large"}""", json);
    }

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public enum ThingKind
    {
        Small,
        Large,
    }

    public sealed record Thing(string Name, int Size, ThingKind Kind = ThingKind.Small);
}
