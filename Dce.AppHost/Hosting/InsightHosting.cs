using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>Insight: metrics of every joined cluster in VictoriaMetrics, read through DCE's PromQL endpoints within the caller's workspaces.</summary>
public static class InsightHosting
{
    /// <summary>
    /// Adds Insight with its database, Redis, the event bus (it follows the clusters Container Management announces),
    /// Global Management (identity and workspace scope) and its metrics store.
    /// </summary>
    public static ModuleReplicas AddInsight(
        this IDistributedApplicationBuilder builder, string name, DcePostgres postgres,
        IResourceBuilder<IResourceWithConnectionString> redis, IResourceBuilder<IResourceWithConnectionString> messaging,
        ModuleReplicas globalManagement, IResourceBuilder<ParameterResource> clusterCredentialKey,
        IResourceBuilder<IResourceWithConnectionString> metrics) =>
        builder.AddModule<Projects.Dce_Insight>(name, "insight.io").Each(replica => replica
            .WithDatabase(postgres, "insight-db")
            .Uses(redis)
            .Uses(messaging)
            .Uses(metrics)
            .WithIdentityProvider(globalManagement)
            .WaitForReplicas(globalManagement)
            .WithClusterCredentialKey(clusterCredentialKey)
            .WithLocalClusterNetworks());
}
