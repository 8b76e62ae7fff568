using System.Net;
using Dce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.ServiceDefaults.Tests.Shutdown;

/// <summary>A service built with AddServiceDefaults on Kestrel, told to stop while a balancer probes it.</summary>
public sealed class ShutdownDrainTests
{
    [Fact]
    public async Task A_stopping_replica_answers_health_503_at_once_while_it_keeps_serving_for_the_drain_delay()
    {
        await using var app = await StartAsync(drainDelay: TimeSpan.FromMinutes(10));
        using var client = ClientOf(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

        using var cutShort = new CancellationTokenSource();
        var stopping = app.StopAsync(cutShort.Token);

        await Eventually.Until(async () => (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.ServiceUnavailable,
            "readiness answers 503 once the replica is stopping");
        Assert.Equal("served", await client.GetStringAsync(new Uri("/things", UriKind.Relative)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/alive", UriKind.Relative))).StatusCode);
        Assert.False(stopping.IsCompleted);

        await cutShort.CancelAsync();
        await stopping;
        using var afterwards = new HttpClient { BaseAddress = client.BaseAddress };
        await Assert.ThrowsAsync<HttpRequestException>(() => afterwards.GetAsync(new Uri("/things", UriKind.Relative)));
    }

    [Fact]
    public async Task A_watch_ends_when_the_drain_is_over_so_the_stop_does_not_wait_for_it()
    {
        await using var app = await StartAsync(drainDelay: TimeSpan.FromMilliseconds(200));
        using var client = ClientOf(app);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        using var watch = await client.GetAsync(new Uri("/events?watch=true", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var events = new StreamReader(await watch.Content.ReadAsStreamAsync());
        Assert.Equal("first", await events.ReadLineAsync());

        await app.StopAsync();

        Assert.Equal("ended", await events.ReadLineAsync());
        Assert.Null(await events.ReadLineAsync());
    }

    [Fact]
    public async Task A_replica_whose_readiness_nobody_asked_stops_without_draining()
    {
        await using var app = await StartAsync(drainDelay: TimeSpan.FromHours(1));

        await app.StopAsync().WaitAsync(TimeSpan.FromMinutes(5));
    }

    private static async Task<WebApplication> StartAsync(TimeSpan drainDelay)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Dce:Shutdown:DrainDelay"] = drainDelay.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        builder.AddServiceDefaults();
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGet("/things", () => "served");
        app.MapGet("/events", async (HttpContext context, CancellationToken aborted) =>
        {
            await context.Response.WriteAsync("first\n", CancellationToken.None);
            await context.Response.Body.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }
            catch (OperationCanceledException)
            {
                // The stream's end: the client reconnects elsewhere.
            }

            await context.Response.WriteAsync("ended\n", CancellationToken.None);
        });
        await app.StartAsync();
        return app;
    }

    private static HttpClient ClientOf(WebApplication app) => new()
    {
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()),
    };
}
