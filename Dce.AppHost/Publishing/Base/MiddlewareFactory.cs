using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// A middleware server as a StatefulSet with one PVC per data folder, behind a headless Service of the resource's name
/// (the host its connection string names).
/// </summary>
public static class MiddlewareFactory
{
    /// <summary>The size of each data volume before an overlay changes it.</summary>
    public const string DataSize = "10Gi";

    /// <summary>The objects of <paramref name="workload"/>.</summary>
    public static IEnumerable<object> Create(Workload workload)
    {
        var environment = ContainerEnvironment.Of(workload, new Dictionary<string, string>());
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount",
            Metadata = Meta.Of(workload.Name, workload.Name, "middleware"),
            AutomountServiceAccountToken = false,
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = Meta.Of($"{workload.Name}-settings", workload.Name, "middleware"),
            Data = environment.Settings,
        };
        yield return new V1Service
        {
            ApiVersion = "v1", Kind = "Service",
            Metadata = Meta.Of(workload.Name, workload.Name, "middleware"),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = PlatformLabels.Selector(workload.Name),
                Ports = workload.Ports.Select(port => new V1ServicePort
                {
                    Name = port.Name, Port = port.ServicePort, TargetPort = port.Name, Protocol = "TCP",
                }).ToList(),
            },
        };
        yield return StatefulSet(workload, environment);
    }

    /// <summary>The name of the PVC template of data folder <paramref name="index"/>.</summary>
    public static string DataVolumeName(int index) => index == 0 ? "data" : $"data-{index + 1}";

    private static V1StatefulSet StatefulSet(Workload workload, ContainerEnvironment environment)
    {
        var firstPort = workload.Ports.FirstOrDefault()?.Name;
        var container = new V1Container
        {
            Name = workload.Name,
            Image = workload.Image,
            ImagePullPolicy = "IfNotPresent",
            Command = workload.Entrypoint is null ? null : [workload.Entrypoint],
            Args = workload.Arguments.Count == 0 ? null : workload.Arguments.Select(argument => argument.ToKubernetesValue()).ToList(),
            Ports = workload.Ports.Select(port => new V1ContainerPort { Name = port.Name, ContainerPort = port.ContainerPort, Protocol = "TCP" }).ToList(),
            EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = $"{workload.Name}-settings" } }],
            Env = environment.Variables.Count == 0 ? null : environment.Variables,
            Resources = WorkloadSizes.Middleware(),
            SecurityContext = SecurityProfiles.Container(),
            ReadinessProbe = firstPort is null ? null : new V1Probe { TcpSocket = new V1TCPSocketAction { Port = firstPort }, PeriodSeconds = 10 },
            LivenessProbe = firstPort is null ? null : new V1Probe
            {
                TcpSocket = new V1TCPSocketAction { Port = firstPort }, InitialDelaySeconds = 30, PeriodSeconds = 20, FailureThreshold = 6,
            },
            VolumeMounts =
            [
                SecurityProfiles.ScratchMount(),
                SecurityProfiles.ScratchMount("/var/run", "run"),
                .. workload.DataPaths.Select((path, index) => new V1VolumeMount { Name = DataVolumeName(index), MountPath = path }),
            ],
        };
        return new V1StatefulSet
        {
            ApiVersion = "apps/v1", Kind = "StatefulSet",
            Metadata = Meta.Of(workload.Name, workload.Name, "middleware"),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = workload.Name,
                Replicas = 1,
                Selector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(workload.Name) },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = PlatformLabels.For(workload.Name, "middleware") },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = workload.Name,
                        AutomountServiceAccountToken = false,
                        SecurityContext = SecurityProfiles.Pod(SecurityProfiles.MiddlewareUser),
                        NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
                        Containers = [container],
                        Volumes = [SecurityProfiles.ScratchVolume(), SecurityProfiles.ScratchVolume("run")],
                    },
                },
                VolumeClaimTemplates = workload.DataPaths.Select((_, index) => new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = DataVolumeName(index), Labels = PlatformLabels.For(workload.Name, "middleware") },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = ["ReadWriteOnce"],
                        Resources = new V1VolumeResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(DataSize) },
                        },
                    },
                }).ToList(),
            },
        };
    }
}
