using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Testing;

namespace Dce.Insight.Tests;

/// <summary>Email receivers: alerts Alertmanager notifies reach their recipients as mail through the configured SMTP server.</summary>
public sealed partial class AlertingTests
{
    [Fact]
    public async Task A_firing_alert_reaches_an_email_receivers_recipients_with_its_templates_subject_and_body()
    {
        var admin = Platform.AdminClient();
        var cluster = Platform.ClusterNames[1];
        var smtp = await admin.GetFromJsonAsync<JsonElement>($"{Alert}/smtp");
        Assert.True(smtp.GetProperty("enabled").GetBoolean());
        string[] recipients = ["oncall@example.com", "lead@example.com"];
        (await admin.PostAsJsonAsync($"{Alert}/receivers", new { name = "oncall-mail", type = "email", email = new { to = recipients } })).EnsureSuccessStatusCode();
        var receiver = (await admin.GetFromJsonAsync<JsonElement>($"{Alert}/receivers/oncall-mail")).GetProperty("data");
        Assert.Equal("email", receiver.GetProperty("type").GetString());
        Assert.Equal(recipients, receiver.GetProperty("email").GetProperty("to").EnumerateArray().Select(t => t.GetString()));
        (await admin.PostAsJsonAsync($"{Alert}/templates", new
        {
            name = "mail",
            body = new { email = new { subject = "{{ .Status }}: {{ .RuleName }} on {{ .ClusterName }}/{{ .Labels.deployment }}", body = "{{ .Annotations.summary }}" } },
        })).EnsureSuccessStatusCode();
        var group = await (await admin.PostAsJsonAsync($"{Alert}/groups", new
        {
            name = "mail-health",
            clusterName = cluster,
            notificationTemplate = "mail",
            receivers = new[] { new { type = "email", names = new[] { "oncall-mail" } } },
            rules = new[] { new { name = "disk-full", expr = "vector(1)", duration = "1m", severity = "WARNING" } },
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var groupReceivers = Assert.Single(group.GetProperty("receivers").EnumerateArray());
        Assert.Equal("email", groupReceivers.GetProperty("type").GetString());

        await NotifyAsync(cluster, group.GetProperty("id").GetString()!, "web\r\nBcc: attacker@evil.example", "web is out of disk");

        await Eventually.Until(() => MailOf(cluster).Count >= 1, "the firing alert mailed to the receiver's recipients");
        var mail = Assert.Single(MailOf(cluster));
        Assert.Equal(AlertingPlatform.MailFrom, mail.From);
        Assert.Equal(recipients, mail.To);
        Assert.Equal($"firing: disk-full on {cluster}/web Bcc: attacker@evil.example", mail.Subject);
        Assert.DoesNotContain("\nBcc:", mail.Raw, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("web is out of disk", mail.Body);
    }

    [Fact]
    public async Task Testing_an_email_receiver_sends_its_recipients_a_test_message()
    {
        var recipient = $"test-{Guid.NewGuid():N}@example.com";

        var answer = await (await Platform.AdminClient().PostAsJsonAsync($"{Alert}/receivers/test", new { name = "trial", type = "email", email = new { to = new[] { recipient } } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(answer.GetProperty("success").GetBoolean(), answer.ToString());
        var mail = Assert.Single(fixture.Mail.Received, m => m.To.Contains(recipient));
        Assert.StartsWith("[TEST]", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_email_receiver_with_an_address_that_is_not_one_mailbox_is_refused_and_not_created()
    {
        var admin = Platform.AdminClient();

        var response = await admin.PostAsJsonAsync($"{Alert}/receivers", new
        {
            name = "bad-mail",
            type = "email",
            email = new { to = new[] { "ops@example.com", "Eve <eve@evil.example>, x@y.example" } },
        });
        var empty = await admin.PostAsJsonAsync($"{Alert}/receivers", new { name = "no-mail", type = "email", email = new { to = Array.Empty<string>() } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Eve <eve@evil.example>", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Alert}/receivers/bad-mail")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Alert}/receivers/no-mail")).StatusCode);
    }

    [Fact]
    public async Task Without_an_smtp_server_an_email_receiver_is_refused_saying_so()
    {
        await using var withoutSmtp = Platform.Insight.WithWebHostBuilder(builder => builder.UseSetting("Insight:Alerting:SmtpHost", ""));
        using var admin = withoutSmtp.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Platform.AdminToken);

        var smtp = await admin.GetFromJsonAsync<JsonElement>($"{Alert}/smtp");
        var response = await admin.PostAsJsonAsync($"{Alert}/receivers", new { name = "unsendable", type = "email", email = new { to = new[] { "ops@example.com" } } });

        Assert.False(smtp.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("SMTP", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Alert}/receivers/unsendable")).StatusCode);
    }

    /// <summary>Posts a firing alert of the group to the hook as Alertmanager does, with the hook secret.</summary>
    private async Task NotifyAsync(string cluster, string groupId, string deployment, string summary)
    {
        using var hook = Platform.Insight.CreateClient();
        hook.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Engines.HookSecret);
        var labels = new Dictionary<string, string>
        {
            ["alertname"] = "disk-full",
            ["cluster"] = cluster,
            ["deployment"] = deployment,
            ["severity"] = "WARNING",
            ["dce_group_id"] = groupId,
            ["dce_group"] = "mail-health",
        };
        (await hook.PostAsJsonAsync(AlertingPlatform.Hook, new
        {
            version = "4",
            status = "firing",
            receiver = "insight",
            alerts = new[]
            {
                new { status = "firing", labels, annotations = new Dictionary<string, string> { ["summary"] = summary }, startsAt = DateTimeOffset.UtcNow, fingerprint = Guid.NewGuid().ToString("N")[..16] },
            },
        })).EnsureSuccessStatusCode();
    }

    private List<ReceivedMail> MailOf(string cluster) => [.. fixture.Mail.Received.Where(m => m.Subject.Contains(cluster, StringComparison.Ordinal))];
}
