using k8s;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// The in-cluster OpenTelemetry Collector every service exports to (OTLP gRPC 4317, HTTP 4318). It forwards traces,
/// metrics and logs to the backend named in the <c>otel-collector-backend</c> ConfigMap (an overlay or the dashboard
/// component changes it) and keeps a summary in its own log.
/// </summary>
public static class OpenTelemetryCollectorFactory
{
    /// <summary>The collector's name (Deployment, Service, labels).</summary>
    public const string Name = "otel-collector";

    /// <summary>The ConfigMap naming the backend.</summary>
    public const string BackendConfigMap = "otel-collector-backend";

    /// <summary>OTLP over gRPC.</summary>
    public const int GrpcPort = 4317;

    /// <summary>OTLP over HTTP.</summary>
    public const int HttpPort = 4318;

    /// <summary>The collector image; overlays move it to their registry.</summary>
    public const string Image = "docker.io/otel/opentelemetry-collector:0.120.0";

    private const int HealthPort = 13133;
    private const long CollectorUser = 10001;

    /// <summary>The collector's objects.</summary>
    public static IEnumerable<object> Create()
    {
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount", Metadata = Meta.Of(Name, Name, "telemetry"), AutomountServiceAccountToken = false,
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = Meta.Of(Name, Name, "telemetry"),
            Data = new Dictionary<string, string> { ["config.yaml"] = KubernetesYaml.Serialize(Configuration()) },
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = Meta.Of(BackendConfigMap, Name, "telemetry"),
            Data = new Dictionary<string, string>
            {
                ["OTLP_BACKEND_ENDPOINT"] = "otel-backend.observability.svc:4317",
                ["OTLP_BACKEND_INSECURE"] = "true",
            },
        };
        yield return Deployment();
        yield return new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = Meta.Of(Name, Name, "telemetry"),
            Spec = new V1ServiceSpec
            {
                Selector = PlatformLabels.Selector(Name),
                Ports =
                [
                    new V1ServicePort { Name = "otlp-grpc", Port = GrpcPort, TargetPort = "otlp-grpc", Protocol = "TCP" },
                    new V1ServicePort { Name = "otlp-http", Port = HttpPort, TargetPort = "otlp-http", Protocol = "TCP" },
                ],
            },
        };
        yield return NetworkPolicyFactory.Policy($"{Name}-ingress", new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(Name) },
            PolicyTypes = ["Ingress", "Egress"],
            Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { PodSelector = new V1LabelSelector() }], Ports = [NetworkPolicyFactory.Port(GrpcPort), NetworkPolicyFactory.Port(HttpPort)] }],
            Egress = [new V1NetworkPolicyEgressRule { Ports = [NetworkPolicyFactory.Port(GrpcPort), NetworkPolicyFactory.Port(HttpPort), NetworkPolicyFactory.Port(443), NetworkPolicyFactory.Port(18889)] }],
        }, Name);
    }

    private static V1Deployment Deployment() => new()
    {
        ApiVersion = "apps/v1", Kind = "Deployment",
        Metadata = Meta.Of(Name, Name, "telemetry"),
        Spec = new V1DeploymentSpec
        {
            Replicas = 1,
            Selector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(Name) },
            Strategy = new V1DeploymentStrategy { Type = "RollingUpdate", RollingUpdate = new V1RollingUpdateDeployment { MaxUnavailable = 0, MaxSurge = 1 } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = PlatformLabels.For(Name, "telemetry") },
                Spec = new V1PodSpec
                {
                    ServiceAccountName = Name,
                    AutomountServiceAccountToken = false,
                    SecurityContext = SecurityProfiles.Pod(CollectorUser),
                    NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
                    Containers =
                    [
                        new V1Container
                        {
                            Name = Name,
                            Image = Image,
                            ImagePullPolicy = "IfNotPresent",
                            Args = ["--config=/etc/otelcol/config.yaml"],
                            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = BackendConfigMap } }],
                            Ports =
                            [
                                new V1ContainerPort { Name = "otlp-grpc", ContainerPort = GrpcPort, Protocol = "TCP" },
                                new V1ContainerPort { Name = "otlp-http", ContainerPort = HttpPort, Protocol = "TCP" },
                                new V1ContainerPort { Name = "health", ContainerPort = HealthPort, Protocol = "TCP" },
                            ],
                            Resources = WorkloadSizes.Of("100m", "128Mi", "1", "512Mi"),
                            SecurityContext = SecurityProfiles.Container(),
                            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "health" }, PeriodSeconds = 10 },
                            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = "health" }, PeriodSeconds = 20 },
                            VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/etc/otelcol", ReadOnlyProperty = true }],
                        },
                    ],
                    Volumes = [new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = Name } }],
                },
            },
        },
    };

    private static Dictionary<string, object> Configuration()
    {
        string[] exporters = ["otlp/backend", "debug"];
        string[] processors = ["memory_limiter", "batch"];
        var pipeline = new Dictionary<string, object> { ["receivers"] = new[] { "otlp" }, ["processors"] = processors, ["exporters"] = exporters };
        return new Dictionary<string, object>
        {
            ["extensions"] = new Dictionary<string, object> { ["health_check"] = new Dictionary<string, object> { ["endpoint"] = $"0.0.0.0:{HealthPort}" } },
            ["receivers"] = new Dictionary<string, object>
            {
                ["otlp"] = new Dictionary<string, object>
                {
                    ["protocols"] = new Dictionary<string, object>
                    {
                        ["grpc"] = new Dictionary<string, object> { ["endpoint"] = $"0.0.0.0:{GrpcPort}" },
                        ["http"] = new Dictionary<string, object> { ["endpoint"] = $"0.0.0.0:{HttpPort}" },
                    },
                },
            },
            ["processors"] = new Dictionary<string, object>
            {
                ["memory_limiter"] = new Dictionary<string, object> { ["check_interval"] = "1s", ["limit_percentage"] = 80, ["spike_limit_percentage"] = 20 },
                ["batch"] = new Dictionary<string, object>(),
            },
            ["exporters"] = new Dictionary<string, object>
            {
                ["otlp/backend"] = new Dictionary<string, object>
                {
                    ["endpoint"] = "${env:OTLP_BACKEND_ENDPOINT}",
                    ["tls"] = new Dictionary<string, object> { ["insecure"] = "${env:OTLP_BACKEND_INSECURE}" },
                },
                ["debug"] = new Dictionary<string, object> { ["verbosity"] = "basic" },
            },
            ["service"] = new Dictionary<string, object>
            {
                ["extensions"] = new[] { "health_check" },
                ["pipelines"] = new Dictionary<string, object> { ["traces"] = pipeline, ["metrics"] = pipeline, ["logs"] = pipeline },
            },
        };
    }
}
