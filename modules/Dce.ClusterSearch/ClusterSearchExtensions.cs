using Dce.Coordination;
using Dce.ClusterSearch.Apis;
using Dce.ClusterSearch.Infrastructure;
using Dce.ClusterSearch.IntegrationEvents;
using Dce.ClusterSearch.Search;
using Dce.ClusterSearch.Sync;
using Dce.Kubernetes;
using Dce.ServiceDefaults.Authentication;
using Dce.Platform.Contracts.Authorization;
using Dce.ServiceDefaults.Data;
using Dce.ServiceDefaults.Idempotency;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Npgsql;

namespace Dce.ClusterSearch;

/// <summary>Registers Cluster Search's index, sync, event handlers and APIs.</summary>
public static class ClusterSearchExtensions
{
    public const string DatabaseName = "clustersearch-db";
    public const string RedisName = "redis";
    public const string MessagingName = "messaging";
    public const string PermissionModule = "clusterpedia";

    public static WebApplicationBuilder AddClusterSearch(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ClusterSearchDbContext>(DatabaseName);
        builder.AddDceAuthentication();

        // The migration step needs the database only: no Redis, broker or background work.
        if (ModuleRunner.IsMigrationStep(Environment.GetCommandLineArgs()))
        {
            return builder;
        }

        builder.Services.AddOptions<ClusterSearchOptions>().Bind(builder.Configuration.GetSection(ClusterSearchOptions.Section));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddIdempotency<ClusterSearchDbContext>();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(
            builder.Configuration.GetConnectionString(DatabaseName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DatabaseName} is not set.")));
        builder.AddRedisClient(RedisName);
        builder.Services.AddCoordination(builder.Configuration,
            CoordinationExtensions.RingName("clusterpedia", builder.Configuration.GetConnectionString(DatabaseName)));
        builder.AddWorkspaceAuthorization(PermissionModule);
        builder.AddEventBus<ClusterSearchDbContext>(MessagingName)
            .AddHandler<ClusterIntegrated, ClusterIntegratedHandler>()
            .AddHandler<ClusterRemoved, ClusterRemovedHandler>()
            .AddHandler<ClusterHealthChanged, ClusterHealthChangedHandler>();

        builder.Services.AddKubeconfigLoader(builder.Configuration);
        builder.Services.AddSingleton<IndexVersions>();
        builder.Services.AddSingleton<SyncStatusRegistry>();
        builder.Services.AddSingleton<SharedSyncStatus>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SharedSyncStatus>());
        builder.Services.AddSingleton<ResourceIndexWriter>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ResourceIndexWriter>());
        builder.Services.AddSingleton<SyncSupervisor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SyncSupervisor>());
        builder.Services.AddHostedService<ClusterInventoryOnStart<ClusterSearchDbContext>>();
        builder.Services.AddSingleton<IndexedTypes>();
        builder.Services.AddSingleton<ResourceSearch>();
        builder.Services.AddSingleton<CollectionSearch>();
        return builder;
    }

    public static WebApplication MapClusterSearchApis(this WebApplication app)
    {
        app.MapResourcesApi();
        app.MapCollectionResourcesApi();
        app.MapSyncStatusApi();
        app.MapSyncSettingsApi();
        return app;
    }
}
