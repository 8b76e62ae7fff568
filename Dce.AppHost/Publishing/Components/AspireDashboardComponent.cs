using Dce.AppHost.Publishing.Base;
using Dce.AppHost.Publishing.Kustomize;
using k8s.Models;

namespace Dce.AppHost.Publishing.Components;

/// <summary>
/// <c>components/aspire-dashboard/</c>: the Aspire dashboard in the cluster as the collector's backend, for a
/// development or staging cluster (open it with <c>kubectl port-forward svc/aspire-dashboard 18888</c>).
/// </summary>
public static class AspireDashboardComponent
{
    /// <summary>The component's folder.</summary>
    public const string Folder = "components/aspire-dashboard";

    /// <summary>The dashboard's name.</summary>
    public const string Name = "aspire-dashboard";

    /// <summary>The dashboard image.</summary>
    public const string Image = "mcr.microsoft.com/dotnet/aspire-dashboard:13.0";

    private const int FrontendPort = 18888;
    private const int OtlpPort = 18889;

    /// <summary>Adds the component.</summary>
    public static void Add(ManifestSet manifests)
    {
        manifests.AddObjects($"{Folder}/aspire-dashboard.yaml", Objects());
        manifests.AddDocument($"{Folder}/patches/collector-backend.yaml", new List<JsonPatchOperation>
        {
            JsonPatchOperation.Replace("/data/OTLP_BACKEND_ENDPOINT", $"{Name}:{OtlpPort}"),
        });
        var component = Kustomization.Component();
        component.Resources = ["aspire-dashboard.yaml"];
        component.Patches =
        [
            new KustomizePatch
            {
                Path = "patches/collector-backend.yaml",
                Target = new KustomizeTarget { Kind = "ConfigMap", Name = $"^{OpenTelemetryCollectorFactory.BackendConfigMap}$" },
            },
        ];
        manifests.AddDocument($"{Folder}/kustomization.yaml", component);
    }

    private static IEnumerable<object> Objects()
    {
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta.Of(Name, Name, "telemetry"), AutomountServiceAccountToken = false,
        };
        yield return new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = Meta.Of(Name, Name, "telemetry"),
            Spec = new V1DeploymentSpec
            {
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(Name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = PlatformLabels.For(Name, "telemetry") },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = Name,
                        AutomountServiceAccountToken = false,
                        SecurityContext = SecurityProfiles.Pod(SecurityProfiles.DotnetUser),
                        Containers =
                        [
                            new V1Container
                            {
                                Name = Name,
                                Image = Image,
                                ImagePullPolicy = "IfNotPresent",
                                Env =
                                [
                                    new V1EnvVar { Name = "ASPNETCORE_URLS", Value = $"http://0.0.0.0:{FrontendPort}" },
                                    new V1EnvVar { Name = "DOTNET_DASHBOARD_OTLP_ENDPOINT_URL", Value = $"http://0.0.0.0:{OtlpPort}" },
                                    // Only the collector reaches the OTLP port (network policy); the UI asks for the browser token from the log.
                                    new V1EnvVar { Name = "DASHBOARD__OTLP__AUTHMODE", Value = "Unsecured" },
                                    new V1EnvVar { Name = "DASHBOARD__FRONTEND__AUTHMODE", Value = "BrowserToken" },
                                ],
                                Ports =
                                [
                                    new V1ContainerPort { Name = "http", ContainerPort = FrontendPort, Protocol = "TCP" },
                                    new V1ContainerPort { Name = "otlp", ContainerPort = OtlpPort, Protocol = "TCP" },
                                ],
                                Resources = WorkloadSizes.Of("100m", "256Mi", "1", "1Gi"),
                                SecurityContext = SecurityProfiles.Container(),
                                ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = "http" }, PeriodSeconds = 10 },
                                VolumeMounts = [SecurityProfiles.ScratchMount()],
                            },
                        ],
                        Volumes = [SecurityProfiles.ScratchVolume()],
                    },
                },
            },
        };
        yield return new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = Meta.Of(Name, Name, "telemetry"),
            Spec = new V1ServiceSpec
            {
                Selector = PlatformLabels.Selector(Name),
                Ports =
                [
                    new V1ServicePort { Name = "http", Port = FrontendPort, TargetPort = "http", Protocol = "TCP" },
                    new V1ServicePort { Name = "otlp", Port = OtlpPort, TargetPort = "otlp", Protocol = "TCP" },
                ],
            },
        };
        yield return NetworkPolicyFactory.Policy($"{Name}-ingress", new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(Name) },
            PolicyTypes = ["Ingress"],
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [NetworkPolicyFactory.Pods(OpenTelemetryCollectorFactory.Name)], Ports = [NetworkPolicyFactory.Port(OtlpPort)] }],
        }, Name);
    }
}
