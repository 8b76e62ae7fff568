using Dce.Insight.Alerting.Apis;

namespace Dce.Insight.Alerting;

/// <summary>Registers alerting: rule files for vmalert, the hook Alertmanager calls, deliveries to receivers and the APIs.</summary>
public static class AlertingExtensions
{
    public static WebApplicationBuilder AddInsightAlerting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertingOptions>().Bind(builder.Configuration.GetSection(AlertingOptions.Section));
        var alertmanager = AlertmanagerClient.ParseEndpoint(builder.Configuration.GetConnectionString(AlertingOptions.AlertmanagerConnectionName));
        builder.Services.AddHttpClient<AlertmanagerClient>(http => http.BaseAddress = alertmanager);
        builder.Services.AddHttpClient(RuleFiles.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddHttpClient(DeliveryLoop.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<RuleFiles>();
        builder.Services.AddSingleton<AlertMailer>();
        builder.Services.AddScoped<RuleValidator>();
        builder.Services.AddScoped<AlertIngest>();
        builder.Services.AddHostedService<RuleFilesSync>();
        builder.Services.AddHostedService<DeliveryLoop>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAlertingApis(this IEndpointRouteBuilder app) =>
        app.MapAlertGroupsApi().MapAlertRulesApi().MapAlertsApi().MapAlertReceiversApi().MapAlertSilencesApi().MapAlertTemplatesApi().MapPreviewRuleApi().MapAlertHookApi().MapAlertDatasourceApi();
}
