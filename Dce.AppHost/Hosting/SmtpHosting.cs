using System.Globalization;
using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>
/// The SMTP server Insight sends email notifications through, from the AppHost's <c>Dce:Smtp</c> section (<c>Host</c>,
/// <c>Port</c>, <c>StartTls</c>, <c>From</c>, <c>UserName</c>); the account's password is the secret parameter
/// <see cref="PasswordParameter"/>. Without a host, email receivers are refused and nothing is wired.
/// </summary>
public static class SmtpHosting
{
    public const string Section = "Dce:Smtp";
    public const string PasswordParameter = "smtp-password";

    public static void AddSmtpForAlerts(this IDistributedApplicationBuilder builder, ModuleReplicas insight)
    {
        var smtp = builder.Configuration.GetSection(Section);
        if (smtp["Host"] is not { Length: > 0 } host)
        {
            return;
        }

        var settings = new Dictionary<string, string?>
        {
            ["SmtpHost"] = host,
            ["SmtpPort"] = smtp["Port"] is { Length: > 0 } port ? int.Parse(port, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : null,
            ["SmtpStartTls"] = smtp["StartTls"],
            ["SmtpFrom"] = smtp["From"],
            ["SmtpUserName"] = smtp["UserName"],
        };
        foreach (var (name, value) in settings.Where(setting => setting.Value is { Length: > 0 }))
        {
            insight.Each(replica => replica.WithEnvironment($"Insight__Alerting__{name}", value));
        }

        if (smtp["UserName"] is { Length: > 0 })
        {
            var password = builder.AddParameter(PasswordParameter, secret: true);
            insight.Each(replica => replica.WithEnvironment("Insight__Alerting__SmtpPassword", password));
        }
    }
}
