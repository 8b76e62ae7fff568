using Dce.Coordination;
using Dce.GlobalManagement.Apis;
using Dce.GlobalManagement.Infrastructure;
using Dce.GlobalManagement.IntegrationEvents;
using Dce.GlobalManagement.Services;
using Dce.GlobalManagement.Services.Access;
using Dce.GlobalManagement.Services.Audit;
using Dce.GlobalManagement.Services.Identity;
using Dce.GlobalManagement.Services.Tokens;
using Dce.ServiceDefaults.Data;
using Dce.ServiceDefaults.Idempotency;
using Dce.EventBus;
using Dce.Platform.Contracts.IntegrationEvents;

namespace Dce.GlobalManagement;

/// <summary>Registers Global Management's data, caches, services and APIs.</summary>
public static class GlobalManagementExtensions
{
    public const string DatabaseName = "ghippo-db";
    public const string RedisName = "redis";
    public const string MessagingName = "messaging";

    public static WebApplicationBuilder AddGlobalManagement(this WebApplicationBuilder builder)
    {
        builder.AddNpgsqlDbContext<GlobalManagementDbContext>(DatabaseName);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<IdentityProviderOptions>(builder.Configuration.GetSection(IdentityProviderOptions.Section));
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        builder.AddGlobalManagementAuthentication();

        // The migration step needs the database only: no Redis, broker or background work.
        if (ModuleRunner.IsMigrationStep(Environment.GetCommandLineArgs()))
        {
            return builder;
        }

        builder.AddRedisClient(RedisName);
        builder.Services.AddCoordinationOptions(builder.Configuration);
        builder.AddIdempotency<GlobalManagementDbContext>();
        builder.AddEventBus<GlobalManagementDbContext>(MessagingName)
            .AddHandler<AuditRecorded, AuditRecordedHandler>()
            .AddHandler<ClusterIntegrated, JoinedClusterHandler>()
            .AddHandler<ClusterRemoved, RemovedClusterHandler>();

        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddSingleton<PasswordPolicy>();
        builder.Services.AddSingleton<LoginLockout>();
        builder.Services.AddSingleton<SecurityStampMirror>();
        builder.Services.AddHostedService<SecurityStampMirrorKeeper>();
        builder.Services.AddScoped<CredentialRevocation>();
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddScoped<SessionService>();
        builder.Services.AddScoped<AccessEvaluator>();
        builder.Services.AddScoped<AccessDecisions>();
        builder.Services.AddScoped<GrantCheck>();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddHostedService<PlatformBootstrap>();
        builder.Services.AddHostedService<SigningKeyRotation>();
        builder.Services.AddHostedService<ClusterInventoryOnStart<GlobalManagementDbContext>>();
        builder.Services.AddSingleton<AuditRetention>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AuditRetention>());
        return builder;
    }

    public static WebApplication MapGlobalManagementApis(this WebApplication app)
    {
        app.MapIdentityProviderApi();
        app.MapSessionsApi();
        app.MapCurrentUserApi();
        app.MapUsersApi();
        app.MapGroupsApi();
        app.MapFoldersApi();
        app.MapWorkspacesApi();
        app.MapMembersApi();
        app.MapRolesApi();
        app.MapWorkspaceResourcesApi();
        app.MapClustersApi();
        app.MapAuditsApi();
        app.MapAuthorizationApi();
        return app;
    }
}
