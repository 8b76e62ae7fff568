using System.Net.Mail;
using System.Text;
using System.Text.Json;
using Dce.Insight.Alerting.Model;
using Dce.Insight.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dce.Insight.Alerting;

/// <summary>
/// Delivers the notifications the hook stored, on every replica: each claims undelivered rows with <c>FOR UPDATE SKIP
/// LOCKED</c> and a lease (its next attempt moved ahead), so replicas split the work without a ring, and a row whose
/// replica died mid-way is claimed again once its lease ends. A failure is retried with a growing delay: at least once.
/// A webhook gets the body POSTed; email recipients get it as a message through the SMTP server.
/// </summary>
internal sealed class DeliveryLoop(IServiceScopeFactory scopes, IHttpClientFactory clients, AlertMailer mailer, IOptions<AlertingOptions> options,
    ILogger<DeliveryLoop> logger) : BackgroundService
{
    public const string HttpClientName = "alert-receivers";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private const string Claim = """
        UPDATE alert_deliveries SET "NextAttemptAt" = now() + @lease, "Attempts" = "Attempts" + 1
        WHERE "Id" IN (SELECT "Id" FROM alert_deliveries WHERE "DeliveredAt" IS NULL AND "NextAttemptAt" <= now()
                       ORDER BY "NextAttemptAt" LIMIT 20 FOR UPDATE SKIP LOCKED)
        RETURNING "Id", "Url", "Body", "Attempts"
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DeliveryPollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not deliver alert notifications");
            }
        }
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InsightDbContext>();
        var claimed = new List<(Guid Id, string Url, string Body, int Attempts)>();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var command = new NpgsqlCommand(Claim, connection))
        {
            command.Parameters.AddWithValue("lease", Lease);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                claimed.Add((reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
            }
        }

        var client = clients.CreateClient(HttpClientName);
        foreach (var (id, url, body, attempts) in claimed)
        {
            var error = EmailRecipients.IsEmail(url)
                ? await SendEmailAsync(url, body, cancellationToken)
                : await PostAsync(client, url, body, cancellationToken);

            var retryIn = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts), 300));
            await using var update = new NpgsqlCommand(error is null
                ? """UPDATE alert_deliveries SET "DeliveredAt" = now(), "LastError" = NULL WHERE "Id" = @id"""
                : """UPDATE alert_deliveries SET "NextAttemptAt" = now() + @retry, "LastError" = @error WHERE "Id" = @id""", connection);
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("retry", retryIn);
            update.Parameters.AddWithValue("error", error ?? "");
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<string?> PostAsync(HttpClient client, string url, string body, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"), cancellationToken);
            return response.IsSuccessStatusCode ? null : $"the receiver answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    private async Task<string?> SendEmailAsync(string url, string body, CancellationToken cancellationToken)
    {
        try
        {
            await mailer.SendAsync(EmailRecipients.FromUrl(url), JsonSerializer.Deserialize<EmailText>(body)!, cancellationToken);
            return null;
        }
        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }
}
