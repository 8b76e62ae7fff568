using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dce.Insight.Alerting;

/// <summary>Sends an email notification through the configured SMTP server (<see cref="AlertingOptions"/>).</summary>
internal sealed class AlertMailer(IOptions<AlertingOptions> options)
{
    public async Task SendAsync(IReadOnlyList<string> to, EmailText text, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.SmtpConfigured)
        {
            throw new SmtpException("No SMTP server is configured (Insight:Alerting:SmtpHost).");
        }

        using var message = new MailMessage
        {
            From = new MailAddress(settings.SmtpFrom),
            Subject = text.Subject,
            SubjectEncoding = Encoding.UTF8,
            Body = text.Body,
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = TransferEncoding.Base64,
        };
        foreach (var address in to)
        {
            message.To.Add(address);
        }

        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort)
        {
            EnableSsl = settings.SmtpStartTls,
            DeliveryMethod = SmtpDeliveryMethod.Network,
            Timeout = 10_000,
            Credentials = settings.SmtpUserName is { Length: > 0 } user ? new NetworkCredential(user, settings.SmtpPassword) : null,
        };
        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>An email notification's subject and plain-text body.</summary>
public sealed record EmailText(string Subject, string Body);
