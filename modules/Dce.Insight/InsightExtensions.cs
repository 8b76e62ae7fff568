using Dce.Coordination;
using Dce.EventBus;
using Dce.Insight.Alerting;
using Dce.Insight.Apis;
using Dce.Insight.Infrastructure;
using Dce.Insight.IntegrationEvents;
using Dce.Insight.Logs;
using Dce.Insight.Metrics;
using Dce.Insight.Resources;
using Dce.Insight.Traces;
using Dce.Kubernetes;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.DceApi;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.ServiceDefaults.Authentication;
using Dce.ServiceDefaults.Data;
using Dce.ServiceDefaults.Idempotency;

namespace Dce.Insight;

/// <summary>Registers Insight's scraping, event handlers and APIs.</summary>
public static class InsightExtensions
{
    public const string DatabaseName = "insight-db";
    public const string RedisName = "redis";
    public const string MessagingName = "messaging";
    public const string PermissionModule = "insight";

    /// <summary>DCE 5.0's insight API as published (<c>Apis/Contract/insight.swagger.json</c>), embedded under this name by the csproj.</summary>
    public const string DceSwaggerResource = "Dce.Insight.insight.swagger.json";

    public static WebApplicationBuilder AddInsight(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<InsightDbContext>(DatabaseName);
        builder.AddDceAuthentication();

        // The migration step needs the database only: no Redis, broker, engine or background work.
        if (ModuleRunner.IsMigrationStep(Environment.GetCommandLineArgs()))
        {
            return builder;
        }

        builder.Services.AddOptions<InsightOptions>().Bind(builder.Configuration.GetSection(InsightOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDceContract(typeof(InsightExtensions).Assembly, DceSwaggerResource);
        builder.AddIdempotency<InsightDbContext>();
        builder.AddRedisClient(RedisName);
        builder.Services.AddCoordination(builder.Configuration,
            CoordinationExtensions.RingName(PermissionModule, builder.Configuration.GetConnectionString(DatabaseName)));
        builder.AddWorkspaceAuthorization(PermissionModule);
        builder.AddEventBus<InsightDbContext>(MessagingName)
            .AddHandler<ClusterIntegrated, ClusterIntegratedHandler>()
            .AddHandler<ClusterRemoved, ClusterRemovedHandler>()
            .AddHandler<ClusterHealthChanged, ClusterHealthChangedHandler>();
        builder.Services.AddKubeconfigLoader(builder.Configuration);

        var metrics = MetricsStoreOptions.Parse(builder.Configuration.GetConnectionString(MetricsStoreOptions.ConnectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{MetricsStoreOptions.ConnectionName} is not set."));
        builder.Services.AddHttpClient<MetricsStore>(http => MetricsStore.Configure(http, metrics));
        builder.Services.AddSingleton<ClusterClients>();
        builder.Services.AddSingleton<ClusterScraper>();
        builder.Services.AddHostedService<ScrapeLoop>();
        builder.Services.AddHostedService<ClusterInventoryOnStart<InsightDbContext>>();
        builder.AddInsightLogs();
        builder.AddInsightAlerting();
        builder.AddInsightTraces();
        return builder;
    }

    public static WebApplication MapInsightApis(this WebApplication app)
    {
        app.MapMetricsApi();
        app.MapBatchMetricsApi();
        app.MapClustersApi();
        app.MapClusterSummaryApi();
        app.MapResourcesApi();
        app.MapNamespaceApi();
        app.MapOverviewApi();
        app.MapLogsAndEventsApis();
        app.MapAlertingApis();
        app.MapTracesApis();
        return app;
    }
}
