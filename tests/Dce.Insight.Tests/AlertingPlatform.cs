using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using Dce.LocalServers;
using Dce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Dce.Insight.Tests;

/// <summary>
/// The Insight platform with real vmalert and Alertmanager, a Kestrel listener on 127.0.0.1 that serves a webhook
/// receiver (recording what it gets) and passes Alertmanager's notifications and vmalert's queries on to the in-process
/// Insight's hook and datasource, and an SMTP server on 127.0.0.1 that keeps the mail Insight sends.
/// </summary>
public sealed class AlertingPlatform : IAsyncLifetime
{
    public const string Hook = "/apis/insight.io/v1alpha1/alert/hook";
    public const string Datasource = "/apis/insight.io/v1alpha1/alert/datasource";
    public static readonly string DatasourceToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
    private WebApplication _listener = null!;

    public InsightPlatform Platform { get; private set; } = null!;
    public LocalAlerting Engines { get; private set; } = null!;
    public ConcurrentQueue<JsonElement> Received { get; } = new();
    public string ReceiverUrl { get; private set; } = "";
    public SmtpSink Mail { get; } = new();
    public const string MailFrom = "alerts@insight.test";

    /// <summary>How often vmalert evaluates every group, the overview's recording rules among them: 1 s for the tests.</summary>
    public TimeSpan EvaluationInterval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        ReceiverUrl = $"http://127.0.0.1:{port}/receiver";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _listener = builder.Build();
        _listener.MapPost("/receiver", async (HttpContext http) =>
        {
            Received.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body));
            return Results.Ok();
        });
        _listener.MapPost(Hook, ForwardToInsightAsync);
        _listener.MapMethods(Datasource + "/{**path}", ["GET", "POST"], ForwardToInsightAsync);
        await _listener.StartAsync();

        var metrics = await SharedMiddleware.VictoriaMetricsAsync();
        // vmalert reads the metrics through Insight's datasource, as the published sidecar does.
        Engines = await LocalAlerting.StartAsync(metrics, $"http://127.0.0.1:{port}{Hook}",
            new AlertmanagerTimings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)), EvaluationInterval,
            VmAlertServerRecipe.Datasource($"http://127.0.0.1:{port}{Datasource}", DatasourceToken));
        Platform = new InsightPlatform
        {
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:alertmanager"] = Engines.Alertmanager.ConnectionString,
                ["Insight:Alerting:RulesFolder"] = Engines.VmAlert.RulesFolder,
                ["Insight:Alerting:VmAlertEndpoint"] = Engines.VmAlert.Endpoint,
                ["Insight:Alerting:HookSecret"] = Engines.HookSecret,
                ["Insight:Alerting:DatasourceToken"] = DatasourceToken,
                ["Insight:Alerting:EvaluationInterval"] = EvaluationInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                ["Insight:Alerting:DeliveryPollInterval"] = "00:00:00.200",
                ["Insight:Alerting:SmtpHost"] = "127.0.0.1",
                ["Insight:Alerting:SmtpPort"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Insight:Alerting:SmtpStartTls"] = "false",
                ["Insight:Alerting:SmtpFrom"] = MailFrom,
            },
        };
        await Platform.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Platform.DisposeAsync();
        await Engines.DisposeAsync();
        await _listener.DisposeAsync();
        await Mail.DisposeAsync();
    }

    // The in-process Insight has no port of its own: what the engines send it goes through this listener, headers and all.
    private async Task ForwardToInsightAsync(HttpContext http)
    {
        using var client = Platform.Insight.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), http.Request.Path + http.Request.QueryString)
        {
            Content = new StreamContent(http.Request.Body),
        };
        if (http.Request.ContentType is { Length: > 0 } contentType)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (http.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        http.Response.StatusCode = (int)response.StatusCode;
        if (response.StatusCode != System.Net.HttpStatusCode.NoContent)
        {
            http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(http.Response.Body);
        }
    }
}
