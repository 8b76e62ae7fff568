using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Dce.AppHost.Hosting;
using Dce.AppHost.Hosting.HighAvailability;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>
/// A publish-mode graph shaped like the platform's: middleware, the gateway, <c>moduleCount</c> modules with databases,
/// and alerting (Alertmanager, vmalert beside the first module, which stands in for Insight).
/// </summary>
internal static class TestGraph
{
    public static IDistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--operation", "publish", .. args],
            DisableDashboard = true,
        });

    public static IDistributedApplicationBuilder Platform(int moduleCount = 1, params string[] args)
    {
        var builder = CreateBuilder(args);
        var postgres = builder.AddDcePostgres("postgres");
        var redis = builder.AddDceRedis("redis");
        var messaging = builder.AddDceRabbitMq("messaging");
        builder.AddGateway("gateway");
        ModuleReplicas? identity = null;
        for (var index = 0; index < moduleCount; index++)
        {
            var name = index == 0 ? "ghippo" : $"module{index}";
            var module = builder.AddModule<GlobalManagementProject>(name, $"{name}.io")
                .Each(replica => replica.WithDatabase(postgres, $"{name}-db").Uses(redis).Uses(messaging));
            if (identity is null)
            {
                identity = module;
            }
            else
            {
                module.Each(replica => replica.WithIdentityProvider(identity));
            }
        }

        var metrics = builder.AddDceVictoriaMetrics("metrics");
        builder.AddAlerting("alertmanager", "vmalert", identity!, metrics);
        return builder;
    }

    public static (DistributedApplicationModel Model, DistributedApplicationExecutionContext Context, IConfiguration Configuration) Build(IDistributedApplicationBuilder builder)
    {
        var app = builder.Build();
        return (app.Services.GetRequiredService<DistributedApplicationModel>(),
            app.Services.GetRequiredService<DistributedApplicationExecutionContext>(),
            app.Services.GetRequiredService<IConfiguration>());
    }

    private sealed class GlobalManagementProject : IProjectMetadata
    {
        public string ProjectPath => Path.Combine(Repository.Root, "modules", "Dce.GlobalManagement", "Dce.GlobalManagement.csproj");
    }
}
