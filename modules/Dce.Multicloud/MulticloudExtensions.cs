using Dce.EventBus;
using Dce.Kubernetes;
using Dce.Multicloud.Infrastructure;
using Dce.Platform.Contracts.Authorization;
using Dce.Platform.Contracts.Clusters;
using Dce.ServiceDefaults.Authentication;
using Dce.ServiceDefaults.Data;
using Dce.ServiceDefaults.Idempotency;

namespace Dce.Multicloud;

/// <summary>Registers Multicloud Management's data, instances, engine and APIs.</summary>
public static class MulticloudExtensions
{
    public const string DatabaseName = "kairship-db";
    public const string RedisName = "redis";
    public const string MessagingName = "messaging";
    public const string PermissionModule = "kairship";

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
        builder.Services.AddOptions<MulticloudOptions>().Bind(builder.Configuration.GetSection(MulticloudOptions.Section));
        builder.AddIdempotency<MulticloudDbContext>();
        builder.Services.AddSingleton(ClusterCredentialProtector.FromConfiguration(builder.Configuration));
        builder.AddRedisClient(RedisName);
        builder.AddWorkspaceAuthorization(PermissionModule);
        builder.AddEventBus<MulticloudDbContext>(MessagingName);
        builder.Services.AddKubeconfigLoader(builder.Configuration);
        return builder;
    }

    public static WebApplication MapMulticloudApis(this WebApplication app) => app;
}
