using System.Data.Common;
using Dce.AppHost.Hosting.HighAvailability;
using Dce.LocalServers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dce.AppHost.Hosting;

/// <summary>
/// Insight's alerting engines: vmalert evaluates the rule files Insight writes against the metrics store and notifies
/// Alertmanager, which sends every alert to Insight's hook with a secret both are given.
/// </summary>
public static class AlertingHosting
{
    public const string HookSecretParameter = "insight-hook-secret";
    public const string DatasourceTokenParameter = "insight-datasource-token";
    public const string HookPath = "/apis/insight.io/v1alpha1/alert/hook";
    private static readonly TimeSpan EvaluationInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Adds Alertmanager (<paramref name="alertmanagerName"/>; an existing one when its connection string is configured)
    /// and vmalert (<paramref name="vmalertName"/>) from the OS packages, and gives Insight their addresses, the rules
    /// folder and the hook secret. Published, Alertmanager is a workload and vmalert a sidecar of each Insight pod
    /// (<see cref="PublishedAlerting"/>); run in container mode, both run from the OS packages when they are installed.
    /// </summary>
    public static void AddAlerting(this IDistributedApplicationBuilder builder, string alertmanagerName, string vmalertName, ModuleReplicas insight,
        IResourceBuilder<IResourceWithConnectionString> metrics)
    {
        var hookSecret = builder.AddParameter(HookSecretParameter, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
        insight.Each(replica => replica.WithEnvironment("Insight__Alerting__HookSecret", hookSecret));

        string notifierUrl;
        switch (ModeOf(builder, alertmanagerName))
        {
            case MiddlewareMode.External:
                var existing = builder.AddConnectionString(alertmanagerName);
                insight.Each(replica => replica.WithReference(existing));
                notifierUrl = EndpointOf(builder.Configuration.GetConnectionString(alertmanagerName)!);
                break;
            case MiddlewareMode.Process:
                var alertmanager = builder.AddLocalAlertmanager(alertmanagerName, insight, hookSecret, out notifierUrl);
                insight.Each(replica => replica.WithReference(alertmanager));
                break;
            case MiddlewareMode.Container when builder.ExecutionContext.IsPublishMode:
                var published = builder.AddAlertmanagerContainer(alertmanagerName, insight, hookSecret);
                insight.Each(replica => replica.WithReference(published));
                var datasourceToken = builder.AddParameter(DatasourceTokenParameter, new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true);
                PublishedAlerting.AddVmAlertSidecars(vmalertName, insight, datasourceToken, published);
                return;
            default:
                return;
        }

        if (ModeOf(builder, vmalertName) == MiddlewareMode.Process)
        {
            builder.AddLocalVmAlert(vmalertName, insight, metrics, notifierUrl);
        }
    }

    // Run locally beside middleware in containers, the engines come from the OS packages when those are installed, so rules
    // fire on a machine with a container engine too; without them nothing fires there (documented).
    private static MiddlewareMode ModeOf(IDistributedApplicationBuilder builder, string name)
    {
        var mode = MiddlewareModeSelector.Select(builder, name);
        var installed = AlertmanagerServerRecipe.IsInstalled && VmAlertServerRecipe.IsInstalled;
        return mode == MiddlewareMode.Container && !builder.ExecutionContext.IsPublishMode && installed ? MiddlewareMode.Process : mode;
    }

    private static IResourceBuilder<LocalServerResource> AddLocalAlertmanager(this IDistributedApplicationBuilder builder, string name, ModuleReplicas insight,
        IResourceBuilder<ParameterResource> hookSecret, out string endpoint)
    {
        var recipe = new AlertmanagerServerRecipe(StateFolder.ForServer(builder, name), FreePort.Next());
        endpoint = recipe.Endpoint;
        var server = builder.AddLocalServer(name, recipe.Launch(), recipe.ConnectionString, recipe.Port, builder.AddHttpHealthCheck($"{name}-ready", $"{recipe.Endpoint}/-/ready"));
        // Insight's address and the secret's value are known only once the graph starts; the file is written just before Alertmanager starts.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server.Resource, async (_, cancellationToken) =>
        {
            var secret = await hookSecret.Resource.GetValueAsync(cancellationToken)
                ?? throw new InvalidOperationException($"Parameter '{HookSecretParameter}' has no value.");
            recipe.WriteConfiguration(await HookUrlsAsync(insight, cancellationToken), secret);
        });
        return server;
    }

    private static void AddLocalVmAlert(this IDistributedApplicationBuilder builder, string name, ModuleReplicas insight,
        IResourceBuilder<IResourceWithConnectionString> metrics, string notifierUrl)
    {
        var recipe = new VmAlertServerRecipe(StateFolder.ForServer(builder, name), FreePort.Next(), notifierUrl, EvaluationInterval);
        var server = builder.AddLocalServer(name, recipe.Prepare(), $"Endpoint={recipe.Endpoint}", recipe.Port,
                builder.AddHttpHealthCheck($"{name}-ready", $"{recipe.Endpoint}/health"))
            .WithEnvironment(async context =>
            {
                var store = new DbConnectionStringBuilder
                {
                    ConnectionString = await metrics.Resource.ConnectionStringExpression.GetValueAsync(context.CancellationToken),
                };
                foreach (var (key, value) in VmAlertServerRecipe.Datasource((string)store["Endpoint"], (string)store["Username"], (string)store["Password"]))
                {
                    context.EnvironmentVariables[key] = value;
                }
            })
            .WaitFor(metrics);
        // With several replicas every one writes the same bytes into the one folder this vmalert reads.
        insight.Each(replica => replica
            .WithEnvironment("Insight__Alerting__RulesFolder", recipe.RulesFolder)
            .WithEnvironment("Insight__Alerting__VmAlertEndpoint", recipe.Endpoint)
            .WithReferenceRelationship(server));
    }

    // One webhook per replica: whichever is up takes the notification, and the hook stores a repeated one once.
    private static async Task<IReadOnlyList<string>> HookUrlsAsync(ModuleReplicas insight, CancellationToken cancellationToken)
    {
        if (!insight.Set.IsSingle)
        {
            return [.. insight.Set.Addresses(withSurge: false).Select(address => address + HookPath)];
        }

        var endpoint = await insight.Primary.GetEndpoint("http").GetValueAsync(cancellationToken);
        return [endpoint + HookPath];
    }

    private static string EndpointOf(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.TryGetValue("Endpoint", out var endpoint) && endpoint is string { Length: > 0 } url
            ? url
            : throw new InvalidOperationException($"The Alertmanager connection string must be 'Endpoint=http://host:port'.");

    private static string AddHttpHealthCheck(this IDistributedApplicationBuilder builder, string key, string address)
    {
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(key, _ => new HttpHealthCheck(new Uri(address)), failureStatus: null, tags: null));
        return key;
    }
}
