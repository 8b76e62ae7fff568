using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// A module or the gateway: ServiceAccount, settings ConfigMap, Deployment (zero-downtime rolling update, probes from
/// <c>/health</c> and <c>/alive</c>, a preStop drain, restricted security context), Service, HorizontalPodAutoscaler and a
/// PodDisruptionBudget that keeps all but one pod Ready through voluntary disruptions (a pod that is not Ready may always
/// be evicted, so a crash-looping pod does not block a node drain).
/// </summary>
public static class ServiceWorkloadFactory
{
    /// <summary>The replicas of a module before the autoscaler takes over.</summary>
    public const int Replicas = 2;

    /// <summary>The objects of <paramref name="workload"/>; <paramref name="migrations"/> are the Jobs its pods wait for.</summary>
    public static IEnumerable<object> Create(Workload workload, IReadOnlyList<string> migrations)
    {
        var component = workload.IsExternal ? "gateway" : "module";
        var environment = ContainerEnvironment.Of(workload, ClusterSettings(workload.Name));
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount",
            Metadata = Meta.Of(workload.Name, workload.Name, component),
            AutomountServiceAccountToken = false,
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = Meta.Of($"{workload.Name}-settings", workload.Name, component),
            Data = environment.Settings,
        };
        yield return Deployment(workload, component, environment, migrations);
        yield return new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = Meta.Of(workload.Name, workload.Name, component),
            Spec = new V1ServiceSpec
            {
                Selector = PlatformLabels.Selector(workload.Name),
                Ports = workload.Ports.Select(port => new V1ServicePort
                {
                    Name = port.Name, Port = port.ServicePort, TargetPort = port.Name, Protocol = "TCP",
                }).ToList(),
            },
        };
        yield return new V2HorizontalPodAutoscaler
        {
            ApiVersion = "autoscaling/v2", Kind = "HorizontalPodAutoscaler",
            Metadata = Meta.Of(workload.Name, workload.Name, component),
            Spec = new V2HorizontalPodAutoscalerSpec
            {
                ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = workload.Name },
                MinReplicas = Replicas,
                MaxReplicas = 6,
                Metrics =
                [
                    new V2MetricSpec
                    {
                        Type = "Resource",
                        Resource = new V2ResourceMetricSource
                        {
                            Name = "cpu",
                            Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = 70 },
                        },
                    },
                ],
            },
        };
        yield return new V1PodDisruptionBudget
        {
            ApiVersion = "policy/v1", Kind = "PodDisruptionBudget",
            Metadata = Meta.Of(workload.Name, workload.Name, component),
            Spec = new V1PodDisruptionBudgetSpec
            {
                MaxUnavailable = 1,
                UnhealthyPodEvictionPolicy = "AlwaysAllow",
                Selector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(workload.Name) },
            },
        };
    }

    /// <summary>
    /// Settings every .NET service gets in the cluster: one HTTP port, telemetry to the collector, and forwarded headers
    /// believed only from the pod network (the gateway for modules, the ingress controller for the gateway); an overlay
    /// whose cluster uses another pod CIDR patches <c>Dce__ForwardedHeaders__KnownNetworks__0</c> in the settings ConfigMaps.
    /// </summary>
    public static Dictionary<string, string> ClusterSettings(string name) => new(StringComparer.Ordinal)
    {
        ["Dce__ForwardedHeaders__KnownNetworks__0"] = EnvironmentConventions.PodNetwork,
        ["Dce__ForwardedHeaders__TrustLoopback"] = "false",
        ["ASPNETCORE_HTTP_PORTS"] = "8080",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = EnvironmentConventions.CollectorEndpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
        ["OTEL_SERVICE_NAME"] = name,
        ["OTEL_RESOURCE_ATTRIBUTES"] = "service.namespace=dce",
        [PodTermination.DrainDelaySetting] = PodTermination.DrainDelay,
    };

    private static V1Deployment Deployment(Workload workload, string component, ContainerEnvironment environment, IReadOnlyList<string> migrations)
    {
        var pod = new V1PodSpec
        {
            ServiceAccountName = workload.Name,
            AutomountServiceAccountToken = false,
            TerminationGracePeriodSeconds = PodTermination.GracePeriodSeconds,
            SecurityContext = SecurityProfiles.Pod(SecurityProfiles.DotnetUser),
            NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
            TopologySpreadConstraints =
            [
                new V1TopologySpreadConstraint
                {
                    MaxSkew = 1, TopologyKey = "kubernetes.io/hostname", WhenUnsatisfiable = "ScheduleAnyway",
                    LabelSelector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(workload.Name) },
                },
            ],
            Containers = [ServiceContainer(workload, environment)],
            Volumes = [SecurityProfiles.ScratchVolume()],
        };
        MigrationWait.Apply(pod, migrations);
        SidecarContainers.Apply(pod, workload);
        return new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = Meta.Of(workload.Name, workload.Name, component),
            Spec = new V1DeploymentSpec
            {
                Replicas = Replicas,
                RevisionHistoryLimit = 5,
                Selector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(workload.Name) },
                Strategy = new V1DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 },
                },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = PlatformLabels.For(workload.Name, component) },
                    Spec = pod,
                },
            },
        };
    }

    private static V1Container ServiceContainer(Workload workload, ContainerEnvironment environment) => new()
    {
        Name = workload.Name,
        Image = workload.Image,
        ImagePullPolicy = "IfNotPresent",
        Args = workload.Arguments.Count == 0 ? null : workload.Arguments.Select(argument => argument.ToKubernetesValue()).ToList(),
        Ports = workload.Ports.Select(port => new V1ContainerPort { Name = port.Name, ContainerPort = port.ContainerPort, Protocol = "TCP" }).ToList(),
        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = $"{workload.Name}-settings" } }],
        Env = environment.Variables.Count == 0 ? null : environment.Variables,
        Resources = WorkloadSizes.Service(),
        SecurityContext = SecurityProfiles.Container(),
        StartupProbe = HttpProbe("/alive", periodSeconds: 2, failureThreshold: 60),
        LivenessProbe = HttpProbe("/alive", periodSeconds: 20, failureThreshold: 3),
        ReadinessProbe = HttpProbe("/ready", periodSeconds: 3, failureThreshold: 2),
        Lifecycle = PodTermination.Lifecycle(),
        VolumeMounts = [SecurityProfiles.ScratchMount()],
    };

    private static V1Probe HttpProbe(string path, int periodSeconds, int failureThreshold) => new()
    {
        HttpGet = new V1HTTPGetAction { Path = path, Port = "http" },
        PeriodSeconds = periodSeconds,
        TimeoutSeconds = 5,
        FailureThreshold = failureThreshold,
    };
}
