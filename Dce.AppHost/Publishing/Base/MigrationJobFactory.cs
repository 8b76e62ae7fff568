using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>A migration step (a project others wait to complete) as a Job with its ServiceAccount and settings.</summary>
public static class MigrationJobFactory
{
    /// <summary>The objects of <paramref name="workload"/>.</summary>
    public static IEnumerable<object> Create(Workload workload)
    {
        var environment = ContainerEnvironment.Of(workload, ServiceWorkloadFactory.ClusterSettings(workload.Name));
        yield return new V1ServiceAccount
        {
            ApiVersion = "v1", Kind = "ServiceAccount",
            Metadata = Meta.Of(workload.Name, workload.Name, "migration"),
            AutomountServiceAccountToken = false,
        };
        yield return new V1ConfigMap
        {
            ApiVersion = "v1", Kind = "ConfigMap",
            Metadata = Meta.Of($"{workload.Name}-settings", workload.Name, "migration"),
            Data = environment.Settings,
        };
        yield return new V1Job
        {
            ApiVersion = "batch/v1", Kind = "Job",
            Metadata = Meta.Of(workload.Name, workload.Name, "migration"),
            Spec = new V1JobSpec
            {
                BackoffLimit = 6,
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = PlatformLabels.For(workload.Name, "migration") },
                    Spec = new V1PodSpec
                    {
                        RestartPolicy = "OnFailure",
                        ServiceAccountName = workload.Name,
                        AutomountServiceAccountToken = false,
                        SecurityContext = SecurityProfiles.Pod(SecurityProfiles.DotnetUser),
                        NodeSelector = new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = workload.Name,
                                Image = workload.Image,
                                ImagePullPolicy = "IfNotPresent",
                                Args = workload.Arguments.Select(argument => argument.ToKubernetesValue()).ToList(),
                                EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = $"{workload.Name}-settings" } }],
                                Env = environment.Variables.Count == 0 ? null : environment.Variables,
                                Resources = WorkloadSizes.Job(),
                                SecurityContext = SecurityProfiles.Container(),
                                VolumeMounts = [SecurityProfiles.ScratchMount()],
                            },
                        ],
                        Volumes = [SecurityProfiles.ScratchVolume()],
                    },
                },
            },
        };
    }
}
