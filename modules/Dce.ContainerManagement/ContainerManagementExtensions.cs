using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Apis.Rbac;
using Dce.Coordination;
using Dce.ContainerManagement.Apis;
using Dce.ContainerManagement.Apis.CustomResources;
using Dce.ContainerManagement.Auditing;
using Dce.ContainerManagement.Clusters;
using Dce.ContainerManagement.GlobalManagement;
using Dce.ContainerManagement.Infrastructure;
using Dce.ContainerManagement.Logs;
using Dce.Kubernetes;
using Dce.ServiceDefaults.Authentication;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.Clusters;
using Dce.ServiceDefaults.Data;
using Dce.ServiceDefaults.Idempotency;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;
using Microsoft.AspNetCore.DataProtection;
using Dce.Platform.Contracts.DataProtection;
using Dce.Platform.Contracts.DceApi;

namespace Dce.ContainerManagement;

/// <summary>Registers Container Management's data, cluster clients, health loop and APIs.</summary>
public static class ContainerManagementExtensions
{
    public const string DatabaseName = "kpanda-db";
    public const string RedisName = "redis";
    public const string MessagingName = "messaging";

    /// <summary>DCE 5.0's kpanda API as published (<c>Apis/Contract/kpanda.swagger.json</c>), embedded under this name by the csproj.</summary>
    public const string DceSwaggerResource = "Dce.ContainerManagement.kpanda.swagger.json";

    public static WebApplicationBuilder AddContainerManagement(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<ContainerManagementDbContext>(DatabaseName);
        builder.AddDceAuthentication();

        // The migration step needs the database only: no Redis, broker, clusters or background work.
        if (ModuleRunner.IsMigrationStep(Environment.GetCommandLineArgs()))
        {
            return builder;
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddDceContract(typeof(ContainerManagementExtensions).Assembly, DceSwaggerResource);
        builder.AddIdempotency<ContainerManagementDbContext>();
        builder.Services.AddOptions<ContainerManagementOptions>()
            .Bind(builder.Configuration.GetSection(ContainerManagementOptions.Section))
            .Configure(options => options.KubeconfigDirectory ??= builder.Configuration["Kubernetes:KubeconfigDirectory"]);
        builder.AddSealedDataProtection("dce-kpanda", KpandaKeyRing.Purpose).PersistKeysToDbContext<ContainerManagementDbContext>();
        builder.Services.AddSingleton(ClusterCredentialProtector.FromConfiguration(builder.Configuration));
        builder.AddRedisClient(RedisName);
        builder.Services.AddCoordination(builder.Configuration,
            CoordinationExtensions.RingName("kpanda", builder.Configuration.GetConnectionString(DatabaseName)));
        builder.AddWorkspaceAuthorization(MutationRecord.Module);
        builder.AddEventBus<ContainerManagementDbContext>(MessagingName)
            .AddHandler<ClusterInventoryRequested, ClusterInventoryRequestedHandler>();

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddHttpClient<GlobalManagementClient>();
        builder.Services.AddExceptionHandler<ClusterCallExceptionHandler>();
        builder.Services.AddKubeconfigLoader(builder.Configuration);
        builder.Services.AddSingleton<KubeconfigConnector>();
        builder.Services.AddSingleton<KubeconfigVault>();
        builder.Services.AddSingleton<ClusterClients>();
        builder.Services.AddSingleton<ClusterSummaryCache>();
        builder.Services.AddSingleton<ClusterListCache>();
        builder.Services.AddSingleton<LogFollowSlots>();
        builder.Services.AddSingleton<FollowedLog>();
        builder.Services.AddScoped<ClusterResolver>();
        builder.Services.AddScoped<ClusterAnnouncer>();
        builder.Services.AddScoped<EmbeddedClusters>();
        builder.Services.AddScoped<MutationRecord>();
        builder.Services.AddSingleton<Apis.CustomResources.CustomResourceTypes>();
        builder.Services.AddSingleton<ClusterHealthMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClusterHealthMonitor>());
        return builder;
    }

    public static WebApplication MapContainerManagementApis(this WebApplication app)
    {
        app.MapClustersApi();
        app.MapWorkspaceBindingsApi();
        app.MapNodesApi();
        app.MapNamespacesApi();
        app.MapWorkloadsApi();
        app.MapPodsApi();
        app.MapServicesApi();
        app.MapConfigMapsApi();
        app.MapSecretsApi();
        app.MapEventsApi();
        app.MapServiceAccountsApi();
        app.MapResourceApis();
        app.MapClaimsApi();
        app.MapRbacApi();
        app.MapKubeconfigApi();
        app.MapCustomResourceApi();
        app.MapDiscoveryApi();
        return app;
    }
}
