using System.Net;
using Dce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.ServiceDefaults.Tests.Api;

/// <summary>Every 5xx a service answers leaves a log line with its trace id, including those no exception explains.</summary>
public sealed class ServerErrorLoggingTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.AddProvider(_logs);
        builder.AddServiceDefaults();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGet("/silent", () => Results.StatusCode(StatusCodes.Status500InternalServerError)).AllowAnonymous();
        _app.MapGet("/boom", IResult () => throw new InvalidOperationException("the cause")).AllowAnonymous();
        _app.MapGet("/fine", () => Results.Ok()).AllowAnonymous();
        _app.MapGet("/after-the-caller-left", async (HttpContext context) =>
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        }).AllowAnonymous();
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
    public async Task A_500_written_without_an_exception_is_logged_as_an_error_with_its_path()
    {
        using var response = await _client.GetAsync(new Uri("/silent", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(Answers(), line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("GET /silent was answered 500", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_500_from_an_exception_is_logged_with_the_exception()
    {
        using var response = await _client.GetAsync(new Uri("/boom", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(Answers(), line => line.Contains("GET /boom was answered 500", StringComparison.Ordinal) && line.Contains("the cause", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_500_answered_after_the_caller_left_is_still_logged()
    {
        using var leaving = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetAsync(new Uri("/after-the-caller-left", UriKind.Relative), leaving.Token));

        await Eventually.Until(() => Answers().Exists(line => line.Contains("GET /after-the-caller-left was answered 500", StringComparison.Ordinal)), "the 500 logged");
    }

    [Fact]
    public async Task Successes_are_not_logged()
    {
        using var response = await _client.GetAsync(new Uri("/fine", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(Answers(), line => line.Contains("/fine", StringComparison.Ordinal));
    }

    private List<string> Answers() => _logs.Lines.Where(line => line.Contains(nameof(Dce.ServiceDefaults.Api) + ".ServerErrorLogging", StringComparison.Ordinal)).ToList();
}
