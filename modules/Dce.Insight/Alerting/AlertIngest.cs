using System.Text.Json;
using Dce.Insight.Alerting.Model;
using Dce.Insight.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Dce.Insight.Alerting;

/// <summary>Alertmanager's webhook notification (DCE's <c>AMHookRequest</c>).</summary>
public sealed record HookNotification(string? Version, string? Status, string? Receiver, List<HookAlert>? Alerts);

/// <summary>One alert of a notification (DCE's <c>AmAlert</c>).</summary>
public sealed record HookAlert(string? Status, Dictionary<string, string>? Labels, Dictionary<string, string>? Annotations,
    DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string? GeneratorURL, string? Fingerprint);

/// <summary>
/// Stores what Alertmanager notifies: the alert (active or resolved) and one delivery per receiver of its group and
/// status, in one transaction. Alertmanager sends again and several replicas may get the same alert: the alert's
/// fingerprint and start, and the delivery's receiver and status, are unique, so storing it again changes nothing.
/// </summary>
public sealed class AlertIngest(InsightDbContext db, TimeProvider clock)
{
    public async Task StoreAsync(HookNotification notification, CancellationToken cancellationToken)
    {
        foreach (var alert in notification.Alerts ?? [])
        {
            if (alert.Fingerprint is not { Length: > 0 })
            {
                continue;
            }

            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await StoreAsync(alert, cancellationToken);
                    break;
                }
                catch (DbUpdateException e) when (attempt < 3 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
                {
                    // Another replica stored the same alert at the same moment: read what it stored.
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private async Task StoreAsync(HookAlert incoming, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var labels = incoming.Labels ?? [];
        var status = incoming.Status == AlertStatuses.Resolved ? AlertStatuses.Resolved : AlertStatuses.Firing;
        var startsAt = incoming.StartsAt.ToUniversalTime();
        var alert = await db.Set<AlertRecord>().FirstOrDefaultAsync(a => a.Fingerprint == incoming.Fingerprint && a.StartsAt == startsAt, cancellationToken);
        if (alert is null)
        {
            alert = new AlertRecord
            {
                Id = Guid.NewGuid(),
                Fingerprint = incoming.Fingerprint!,
                StartsAt = startsAt,
                GroupId = Guid.TryParse(labels.GetValueOrDefault(RuleFiles.GroupIdLabel), out var groupId) ? groupId : null,
                GroupName = labels.GetValueOrDefault(RuleFiles.GroupNameLabel) ?? "",
                RuleName = labels.GetValueOrDefault("alertname") ?? "",
                ClusterName = labels.GetValueOrDefault("cluster") ?? "",
                Namespace = labels.GetValueOrDefault("namespace"),
                Severity = labels.GetValueOrDefault("severity") ?? "",
                Labels = labels,
                Annotations = incoming.Annotations ?? [],
                Status = status,
                UpdatedAt = now,
            };
            db.Add(alert);
        }
        else if (alert.Status == AlertStatuses.Resolved)
        {
            // A resolved alert stays resolved; a late firing notification of the same start changes nothing.
            status = AlertStatuses.Resolved;
        }

        if (status == AlertStatuses.Resolved && alert.Status != AlertStatuses.Resolved)
        {
            alert.Status = AlertStatuses.Resolved;
            alert.EndsAt = incoming.EndsAt?.ToUniversalTime() ?? now;
            alert.UpdatedAt = now;
        }

        await AddDeliveriesAsync(alert, status, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task AddDeliveriesAsync(AlertRecord alert, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var group = alert.GroupId is { } id ? await db.Set<AlertGroup>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken) : null;
        if (group is null || group.Receivers.Count == 0)
        {
            return;
        }

        var template = group.NotificationTemplate is { } name ? await db.Set<MessageTemplate>().AsNoTracking().FirstOrDefaultAsync(t => t.Name == name, cancellationToken) : null;
        var done = await db.Set<AlertDelivery>().Where(d => d.AlertId == alert.Id && d.Status == status).Select(d => d.Receiver).ToListAsync(cancellationToken);
        var receivers = await db.Set<AlertReceiver>().AsNoTracking().Where(r => group.Receivers.Contains(r.Name)).ToListAsync(cancellationToken);
        foreach (var receiver in receivers.Where(r => !done.Contains(r.Name)))
        {
            db.Add(new AlertDelivery
            {
                Id = Guid.NewGuid(),
                AlertId = alert.Id,
                Receiver = receiver.Name,
                Status = status,
                Url = receiver.Url,
                Body = EmailRecipients.IsEmail(receiver.Url)
                    ? JsonSerializer.Serialize(MessageText.Email(template?.EmailSubject, template?.EmailBody, alert, status))
                    : JsonSerializer.Serialize(DeliveryBody(alert, status, template is { Webhook.Length: > 0 } ? MessageText.Render(template.Webhook, alert, status) : null)),
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }
    }

    /// <summary>What a webhook receiver gets (an email receiver gets <see cref="MessageText.Email"/>): the alert in DCE's shape, the status this notification tells and the group's template filled in.</summary>
    private static object DeliveryBody(AlertRecord alert, string status, string? message) => new
    {
        status,
        message = message ?? "",
        alert = new
        {
            id = alert.Id.ToString(),
            groupId = alert.GroupId?.ToString() ?? "",
            groupName = alert.GroupName,
            ruleName = alert.RuleName,
            clusterName = alert.ClusterName,
            @namespace = alert.Namespace ?? "",
            severity = alert.Severity,
            labels = alert.Labels,
            annotations = alert.Annotations,
            startAt = alert.StartsAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };
}
