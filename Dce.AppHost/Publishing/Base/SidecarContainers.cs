using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>The sidecars of a service's pod: each its own container, probed on its health path, sharing an <c>emptyDir</c> with the service.</summary>
public static class SidecarContainers
{
    /// <summary>Adds <paramref name="workload"/>'s sidecars and their shared folders to <paramref name="pod"/>, mounting each folder in the service too.</summary>
    public static void Apply(V1PodSpec pod, Workload workload)
    {
        var service = pod.Containers[0];
        foreach (var sidecar in workload.Sidecars)
        {
            var shared = new V1VolumeMount { Name = VolumeName(sidecar), MountPath = sidecar.SharedFolder };
            pod.Volumes.Add(new V1Volume { Name = shared.Name, EmptyDir = new V1EmptyDirVolumeSource() });
            service.VolumeMounts.Add(shared);
            pod.Containers.Add(Container(sidecar, shared));
        }
    }

    /// <summary>The name of the <c>emptyDir</c> a sidecar shares with its service.</summary>
    public static string VolumeName(WorkloadSidecar sidecar) => $"{sidecar.Name}-shared";

    private static V1Container Container(WorkloadSidecar sidecar, V1VolumeMount shared)
    {
        var environment = ContainerEnvironment.Of(sidecar.AsContainer(), new Dictionary<string, string>());
        return new V1Container
        {
            Name = sidecar.Name,
            Image = sidecar.Image,
            ImagePullPolicy = "IfNotPresent",
            Args = sidecar.Arguments.Select(argument => argument.ToKubernetesValue()).ToList(),
            Ports = [new V1ContainerPort { Name = sidecar.Name, ContainerPort = sidecar.Port, Protocol = "TCP" }],
            // A sidecar has no ConfigMap of its own: its settings are plain variables.
            Env = [.. environment.Settings.Select(setting => new V1EnvVar { Name = setting.Key, Value = setting.Value }), .. environment.Variables],
            Resources = WorkloadSizes.Service(),
            SecurityContext = SecurityProfiles.Container(),
            ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = sidecar.HealthPath, Port = sidecar.Name }, PeriodSeconds = 10 },
            LivenessProbe = new V1Probe
            {
                HttpGet = new V1HTTPGetAction { Path = sidecar.HealthPath, Port = sidecar.Name }, PeriodSeconds = 20, FailureThreshold = 3,
            },
            VolumeMounts = [shared, SecurityProfiles.ScratchMount()],
        };
    }
}
