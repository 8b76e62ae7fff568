using Dce.AppHost.Hosting.HighAvailability;

namespace Dce.AppHost.Hosting;

/// <summary>
/// Alerting in the published graph: Alertmanager as its own workload, and vmalert as a sidecar of every Insight pod
/// reading the rules folder the pod's Insight writes.
/// </summary>
internal static class PublishedAlerting
{
    public const string AlertmanagerImage = "prom/alertmanager";
    public const string AlertmanagerTag = "v0.25.0";
    public const string VmAlertImage = "docker.io/victoriametrics/vmalert:" + VictoriaMetricsHosting.Tag;
    public const string RulesFolder = "/rules";
    public const int VmAlertPort = 8880;
    private static readonly string VmAlertEndpoint = $"http://127.0.0.1:{VmAlertPort}";
    public static readonly string DatasourceUrl = $"http://127.0.0.1:{Publishing.Graph.PortMap.ProjectHttpPort}/apis/insight.io/v1alpha1/alert/datasource";

    public static IResourceBuilder<AlertmanagerResource> AddAlertmanagerContainer(this IDistributedApplicationBuilder builder, string name,
        ModuleReplicas insight, IResourceBuilder<ParameterResource> hookSecret) =>
        builder.AddResource(new AlertmanagerResource(name))
            .WithImage(AlertmanagerImage, AlertmanagerTag)
            .WithImageRegistry(VictoriaMetricsHosting.Registry)
            .WithHttpEndpoint(targetPort: AlertmanagerResource.HttpPort, name: AlertmanagerResource.HttpEndpointName)
            .WithEnvironment(AlertmanagerResource.HookUrlVariable, ReferenceExpression.Create($"{insight.Primary.GetEndpoint("http")}{AlertingHosting.HookPath}"))
            .WithEnvironment(AlertmanagerResource.HookSecretVariable, hookSecret);

    /// <summary>
    /// vmalert beside each Insight pod, reading the metrics through its pod's Insight (<c>alert/datasource</c>, with the
    /// generated secret <paramref name="datasourceToken"/>) and writing the overview's recording rules back the same way, so
    /// it holds no credential of the store and works with the graph's own VictoriaMetrics and an existing store alike.
    /// </summary>
    public static void AddVmAlertSidecars(string name, ModuleReplicas insight, IResourceBuilder<ParameterResource> datasourceToken,
        IResourceBuilder<AlertmanagerResource> alertmanager)
    {
        var sidecar = new SidecarAnnotation(name, VmAlertImage,
            [
                "-envflag.enable",
                $"-httpListenAddr=:{VmAlertPort}",
                $"-rule={RulesFolder}/*.yaml",
                ReferenceExpression.Create($"-notifier.url={alertmanager.Resource.HttpEndpoint}"),
                "-evaluationInterval=30s",
                "-remoteWrite.flushInterval=1s",
                "-configCheckInterval=5s",
                "-loggerLevel=WARN",
            ],
            new Dictionary<string, object>
            {
                ["datasource_url"] = DatasourceUrl,
                ["datasource_bearerToken"] = datasourceToken.Resource,
                ["remoteWrite_url"] = DatasourceUrl,
                ["remoteWrite_bearerToken"] = datasourceToken.Resource,
            },
            RulesFolder, VmAlertPort, "/health");
        insight.Each(replica => replica
            .WithAnnotation(sidecar)
            .WithEnvironment("Insight__Alerting__RulesFolder", RulesFolder)
            .WithEnvironment("Insight__Alerting__VmAlertEndpoint", VmAlertEndpoint)
            .WithEnvironment("Insight__Alerting__DatasourceToken", datasourceToken));
    }
}
