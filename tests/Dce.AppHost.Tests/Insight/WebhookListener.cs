using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dce.LocalServers;

namespace Dce.AppHost.Tests.Insight;

/// <summary>A webhook receiver on 127.0.0.1 that records every JSON body POSTed to it.</summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public WebhookListener()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/receiver/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            try
            {
                Received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.InputStream));
                context.Response.StatusCode = (int)HttpStatusCode.OK;
            }
            catch (JsonException)
            {
                context.Response.StatusCode = (int)HttpStatusCode.BadRequest;
            }

            context.Response.Close();
        }
    }
}
