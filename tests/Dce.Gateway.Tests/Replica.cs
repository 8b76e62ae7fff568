using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Dce.Gateway.Tests;

/// <summary>
/// One replica of the <c>demo</c> module on loopback: counts the requests it took, answers which replica served them,
/// and can be made unready (<c>/ready</c> 503), made to reset every request after reading it, or stopped (its port
/// then refuses connections). <c>/apis/demo.io/v1/watch</c> streams a first line at once and the last when released.
/// </summary>
public sealed class Replica : IAsyncDisposable
{
    private readonly TaskCompletionSource _streamReleased = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer? _server;
    private int _requests;
    private volatile bool _resetsRequests;
    private volatile bool _unready;

    private Replica(string name) => Name = name;

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    /// <summary>API requests that reached this replica, reset ones included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public bool ResetsRequests { get => _resetsRequests; set => _resetsRequests = value; }

    public bool Unready { get => _unready; set => _unready = value; }

    public static async Task<Replica> StartAsync(string name)
    {
        var replica = new Replica(name);
        replica._server = await LoopbackServer.StartAsync(replica.Map);
        replica.Address = replica._server.Address;
        return replica;
    }

    public void ReleaseStream() => _streamReleased.TrySetResult();

    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        ReleaseStream();
        return new ValueTask(StopAsync());
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/ready", () => Unready ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Ok());
        app.MapGet("/apis/demo.io/v1/watch", async (HttpContext context) =>
        {
            await context.Response.WriteAsync("first\n");
            await context.Response.Body.FlushAsync();
            await _streamReleased.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("last\n");
        });
        app.Map("/apis/demo.io/{**rest}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            Interlocked.Increment(ref _requests);
            if (ResetsRequests)
            {
                context.Abort();
                return Results.Empty;
            }

            return Results.Json(new ServedRequest(Name, context.Request.Method, body.Length, context.Request.Headers["Idempotency-Key"].ToString()));
        });
    }
}

public sealed record ServedRequest(string Replica, string Method, long BodyLength, string IdempotencyKey);
