using System.Net;
using Dce.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ServiceDefaults.Tests.Http;

/// <summary>A list endpoint opted in with WithETag, served by Kestrel on loopback; another one not opted in.</summary>
public sealed class ETagEndpointsTests : IAsyncLifetime
{
    private readonly List<string> _items = ["a"];
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/items", () => TypedResults.Ok(new { items = _items })).WithETag();
        _app.MapGet("/missing", () => TypedResults.NotFound()).WithETag();
        _app.MapGet("/plain", () => TypedResults.Ok(new { items = _items }));
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

    [Fact]
    public async Task An_unchanged_list_is_answered_304_without_a_body_and_a_changed_one_in_full_with_a_new_tag()
    {
        using var first = await _client.GetAsync(new Uri("/items", UriKind.Relative));
        var tag = first.Headers.ETag;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(tag);
        Assert.Contains("\"a\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var same = await SendAsync("/items", tag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());

        _items.Add("b");
        using var changed = await SendAsync("/items", tag.Tag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.Contains("\"b\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_carry_no_tag_and_endpoints_not_opted_in_are_untouched()
    {
        using var missing = await _client.GetAsync(new Uri("/missing", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.ETag);

        using var plain = await _client.GetAsync(new Uri("/plain", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Null(plain.Headers.ETag);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return await _client.SendAsync(request);
    }
}
