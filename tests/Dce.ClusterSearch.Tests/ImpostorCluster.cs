using Dce.KubeSim.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dce.ClusterSearch.Tests;

/// <summary>
/// A real HTTPS server posing as a cluster that answers malformed documents: its ConfigMap list holds items that are not
/// objects, its Pod watch sends an event whose object is a number, its Service watch one line that never ends (up to
/// 64 MiB); every other type is an empty list and a quiet watch.
/// </summary>
public sealed class ImpostorCluster : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ImpostorCluster(WebApplication app, string url, string certificateAuthority)
    {
        _app = app;
        Kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: impostor
              cluster:
                server: {url}
                certificate-authority-data: {certificateAuthority}
            users:
            - name: impostor
              user:
                token: impostor-token
            contexts:
            - name: impostor
              context:
                cluster: impostor
                user: impostor
            current-context: impostor
            """;
    }

    public string Kubeconfig { get; }

    public static async Task<ImpostorCluster> StartAsync()
    {
        var certificate = new ServingCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate.Certificate));
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(AnswerAsync);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ImpostorCluster(app, url, certificate.PemBase64);
    }

    private static async Task AnswerAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var path = context.Request.Path.Value ?? "";
        var watching = context.Request.Query["watch"] == "true";
        if (path.EndsWith("/configmaps", StringComparison.Ordinal) && !watching)
        {
            await context.Response.WriteAsync("""{"kind":"ConfigMapList","metadata":{"resourceVersion":"7"},"items":[42,"not an object",null]}""");
        }
        else if (path.EndsWith("/pods", StringComparison.Ordinal) && watching)
        {
            await context.Response.WriteAsync("""{"type":"ADDED","object":7}""" + "\n");
        }
        else if (path.EndsWith("/services", StringComparison.Ordinal) && watching)
        {
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            for (var sent = 0; sent < 64 && !context.RequestAborted.IsCancellationRequested; sent++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        else if (watching)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        else
        {
            await context.Response.WriteAsync("""{"kind":"List","metadata":{"resourceVersion":"7"},"items":[]}""");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
