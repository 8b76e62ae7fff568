using Dce.AppHost.Hosting;
using Dce.AppHost.Publishing.Graph;
using Dce.LocalServers;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// Alertmanager: its configuration in a Secret (it names the hook; the hook's secret itself is read from the generated
/// Secret as a file, never written into a manifest), one replica without gossip, probes on <c>/-/ready</c> and
/// <c>/-/healthy</c>, and a Service of the resource's name (the host Insight's connection string names).
/// </summary>
public static class AlertmanagerFactory
{
    private const string ConfigFolder = "/etc/alertmanager/config";
    private const string HookSecretFolder = "/etc/alertmanager/hook";
    private const string HookSecretFile = "secret";
    private const string ConfigFile = "alertmanager.yml";
    private const long NobodyUser = 65534;

    /// <summary>The objects of <paramref name="workload"/>.</summary>
    public static IEnumerable<object> Create(Workload workload)
    {
        var hookUrl = Variable(workload, AlertmanagerResource.HookUrlVariable).ToLiteral();
        var hookSecret = Variable(workload, AlertmanagerResource.HookSecretVariable).Parameters.Single();
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount",
            Metadata = Meta.Of(workload.Name, workload.Name, "middleware"),
            AutomountServiceAccountToken = false,
        };
        yield return new V1Secret
        {
            ApiVersion = "v1", Kind = "Secret",
            Metadata = Meta.Of(ConfigSecretName(workload), workload.Name, "middleware"),
            Type = "Opaque",
            StringData = new Dictionary<string, string>
            {
                [ConfigFile] = AlertmanagerConfiguration.WithCredentialsFile([hookUrl], $"{HookSecretFolder}/{HookSecretFile}", AlertmanagerTimings.Default),
            },
        };
        yield return new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = Meta.Of(workload.Name, workload.Name, "middleware"),
            Spec = new V1ServiceSpec
            {
                Selector = PlatformLabels.Selector(workload.Name),
                Ports = workload.Ports.Select(port => new V1ServicePort
                {
                    Name = port.Name, Port = port.ServicePort, TargetPort = port.Name, Protocol = "TCP",
                }).ToList(),
            },
        };
        yield return Deployment(workload, hookSecret);
    }

    /// <summary>The Secret holding the configuration.</summary>
    public static string ConfigSecretName(Workload workload) => $"{workload.Name}-config";

    private static V1Deployment Deployment(Workload workload, PublishedParameter hookSecret)
    {
        var port = workload.Ports.Single();
        var container = new V1Container
        {
            Name = workload.Name,
            Image = workload.Image,
            ImagePullPolicy = "IfNotPresent",
            Args =
            [
                $"--config.file={ConfigFolder}/{ConfigFile}",
                "--storage.path=/alertmanager",
                $"--web.listen-address=:{port.ContainerPort}",
                "--cluster.listen-address=",
                "--log.level=warn",
            ],
            Ports = [new V1ContainerPort { Name = port.Name, ContainerPort = port.ContainerPort, Protocol = "TCP" }],
            Resources = WorkloadSizes.Service(),
            SecurityContext = SecurityProfiles.Container(),
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/-/ready", Port = port.Name }, PeriodSeconds = 10 },
            LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/-/healthy", Port = port.Name }, PeriodSeconds = 20, FailureThreshold = 3 },
            VolumeMounts =
            [
                new V1VolumeMount { Name = "config", MountPath = ConfigFolder, ReadOnlyProperty = true },
                new V1VolumeMount { Name = "hook", MountPath = HookSecretFolder, ReadOnlyProperty = true },
                new V1VolumeMount { Name = "data", MountPath = "/alertmanager" },
                SecurityProfiles.ScratchMount(),
            ],
        };
        return new V1Deployment
        {
            ApiVersion = "apps/v1", Kind = "Deployment",
            Metadata = Meta.Of(workload.Name, workload.Name, "middleware"),
            Spec = new V1DeploymentSpec
            {
                // One Alertmanager without gossip: two would each send every notification.
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(workload.Name) },
                Strategy = new V1DeploymentStrategy { Type = "Recreate" },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = PlatformLabels.For(workload.Name, "middleware") },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = workload.Name,
                        AutomountServiceAccountToken = false,
                        SecurityContext = SecurityProfiles.Pod(NobodyUser),
                        NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
                        Containers = [container],
                        Volumes =
                        [
                            new V1Volume { Name = "config", Secret = new V1SecretVolumeSource { SecretName = ConfigSecretName(workload) } },
                            new V1Volume
                            {
                                Name = "hook",
                                Secret = new V1SecretVolumeSource
                                {
                                    SecretName = ContainerEnvironment.SecretName,
                                    Items = [new V1KeyToPath { Key = hookSecret.EnvironmentName, Path = HookSecretFile }],
                                },
                            },
                            new V1Volume { Name = "data", EmptyDir = new V1EmptyDirVolumeSource() },
                            SecurityProfiles.ScratchVolume(),
                        ],
                    },
                },
            },
        };
    }

    private static RenderedValue Variable(Workload workload, string name) =>
        workload.Environment.SingleOrDefault(variable => variable.Name == name)?.Value
            ?? throw new InvalidOperationException($"{workload.Name}: {name} is not set.");
}
