namespace Dce.Insight.Alerting;

/// <summary>Alerting's settings (<c>Insight:Alerting</c>); Alertmanager's address is <c>ConnectionStrings:alertmanager</c>.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Insight:Alerting";
    public const string AlertmanagerConnectionName = "alertmanager";

    /// <summary>The folder vmalert reads its rule files from (<c>-rule=&lt;folder&gt;/*.yaml</c>); unset, no rules are written.</summary>
    public string? RulesFolder { get; set; }

    /// <summary>vmalert's address, asked to reload after the rule files change.</summary>
    public Uri? VmAlertEndpoint { get; set; }

    /// <summary>The bearer secret Alertmanager presents to the hook; unset, the hook refuses every request.</summary>
    public string? HookSecret { get; set; }

    /// <summary>
    /// The bearer secret vmalert presents to <c>alert/datasource</c>, which answers its queries from the metrics store with
    /// Insight's own credentials (published, the sidecar reads any store so); unset, that endpoint refuses every request.
    /// </summary>
    public string? DatasourceToken { get; set; }

    /// <summary>How often vmalert evaluates each group's rules.</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each replica writes every group's rule file again (catching changes made through another replica).</summary>
    public TimeSpan RulesSyncInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a replica looks for notifications to deliver.</summary>
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The SMTP server email receivers are delivered through; unset, email receivers are refused (<c>alert/smtp</c>).</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    /// <summary>Whether the connection must be upgraded with STARTTLS; on by default, since credentials and alerts cross it.</summary>
    public bool SmtpStartTls { get; set; } = true;

    /// <summary>The sender address of notifications.</summary>
    public string SmtpFrom { get; set; } = "insight@dce.local";

    /// <summary>The account to authenticate as; unset, mail is sent without authentication.</summary>
    public string? SmtpUserName { get; set; }

    /// <summary>The account's password: a secret, given as a parameter or secret reference, never logged.</summary>
    public string? SmtpPassword { get; set; }

    public bool SmtpConfigured => SmtpHost is { Length: > 0 };
}
