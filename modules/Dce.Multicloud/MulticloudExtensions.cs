using Dce.EventBus;
using Dce.Kubernetes;
using Dce.Multicloud.Access;
using Dce.Multicloud.Apis;
using Dce.Multicloud.Apis.Members;
using Dce.Multicloud.Apis.Promotion;
using Dce.Multicloud.Apis.Objects;
using Dce.Multicloud.Infrastructure;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Propagation;
using Dce.Multicloud.IntegrationEvents;
using Dce.Platform.Contracts.IntegrationEvents;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.Clusters;
using Dce.ServiceDefaults.Authentication;
using Dce.ServiceDefaults.Data;
using Dce.ServiceDefaults.Idempotency;
using Dce.Platform.Contracts.DceApi;

namespace Dce.Multicloud;

/// <summary>Registers Multicloud Management's data, instances, engine and APIs.</summary>
public static class MulticloudExtensions
{
    public const string DatabaseName = "kairship-db";
    public const string RedisName = "redis";
    public const string MessagingName = "messaging";
    public const string PermissionModule = "kairship";

    /// <summary>DCE 5.0's kairship API as published (<c>Apis/Contract/kairship.swagger.json</c>), embedded under this name by the csproj.</summary>
    public const string DceSwaggerResource = "Dce.Multicloud.kairship.swagger.json";

    public static WebApplicationBuilder AddMulticloud(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<MulticloudDbContext>(DatabaseName);
        builder.AddDceAuthentication();

        // The migration step needs the database only: no Redis, broker, instances or background work.
        if (ModuleRunner.IsMigrationStep(Environment.GetCommandLineArgs()))
        {
            return builder;
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDceContract(typeof(MulticloudExtensions).Assembly, DceSwaggerResource);
        builder.Services.AddOptions<MulticloudOptions>().Bind(builder.Configuration.GetSection(MulticloudOptions.Section));
        builder.AddIdempotency<MulticloudDbContext>();
        builder.Services.AddSingleton(ClusterCredentialProtector.FromConfiguration(builder.Configuration));
        builder.AddRedisClient(RedisName);
        builder.AddWorkspaceAuthorization(PermissionModule);
        builder.AddEventBus<MulticloudDbContext>(MessagingName)
            .AddHandler<ClusterIntegrated, ClusterIntegratedHandler>()
            .AddHandler<ClusterRemoved, ClusterRemovedHandler>()
            .AddHandler<ClusterHealthChanged, ClusterHealthChangedHandler>();
        builder.Services.AddHostedService<ClusterInventoryOnStart<MulticloudDbContext>>();
        builder.Services.AddKubeconfigLoader(builder.Configuration);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ControlPlanes>();
        builder.Services.AddScoped<InstanceAccess>();
        builder.Services.AddExceptionHandler<ControlPlaneExceptionHandler>();
        builder.Services.AddPropagation(builder.Configuration);
        return builder;
    }

    public static WebApplication MapMulticloudApis(this WebApplication app)
    {
        app.MapInstancesApi();
        app.MapKpandaClustersApi();
        app.MapMemberClustersApi();
        app.MapNamespacesApi();
        app.MapObjectsApi();
        app.MapTemplateActionsApi();
        app.MapInstanceSummariesApi();
        app.MapMemberReadsApi();
        app.MapPromoteApi();
        app.MapFailoverApi();
        app.MapWorkspaceManagementApi();
        return app;
    }
}
