using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// Makes a pod wait for its migration Jobs: an init container runs <c>kubectl wait --for=condition=complete</c>. Only the
/// init container gets an API token (a projected volume); the service container runs without one.
/// </summary>
public static class MigrationWait
{
    /// <summary>The image of the init container; overlays move it to their registry.</summary>
    public const string KubectlImage = "registry.k8s.io/kubectl:v1.32.0";

    /// <summary>The Role allowed to read Jobs, bound to the ServiceAccounts of the waiting modules.</summary>
    public const string RoleName = "migration-watcher";

    private const string TokenVolume = "migration-watch-token";

    /// <summary>Adds the wait for <paramref name="jobs"/> to <paramref name="pod"/>; nothing when there are none.</summary>
    public static void Apply(V1PodSpec pod, IReadOnlyList<string> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        pod.InitContainers =
        [
            new V1Container
            {
                Name = "wait-for-migration",
                Image = KubectlImage,
                ImagePullPolicy = "IfNotPresent",
                Args = ["wait", "--for=condition=complete", "--timeout=30m", .. jobs.Select(job => $"job/{job}")],
                Resources = WorkloadSizes.Helper(),
                SecurityContext = SecurityProfiles.Container(),
                VolumeMounts = [new V1VolumeMount { Name = TokenVolume, MountPath = "/var/run/secrets/kubernetes.io/serviceaccount", ReadOnlyProperty = true }],
            },
        ];
        pod.Volumes.Add(new V1Volume
        {
            Name = TokenVolume,
            Projected = new V1ProjectedVolumeSource
            {
                Sources =
                [
                    new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3600 } },
                    new V1VolumeProjection
                    {
                        ConfigMap = new V1ConfigMapProjection { Name = "kube-root-ca.crt", Items = [new V1KeyToPath { Key = "ca.crt", Path = "ca.crt" }] },
                    },
                    new V1VolumeProjection
                    {
                        DownwardAPI = new V1DownwardAPIProjection
                        {
                            Items = [new V1DownwardAPIVolumeFile { Path = "namespace", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.namespace" } }],
                        },
                    },
                ],
            },
        });
    }

    /// <summary>The Role reading Jobs and its binding to <paramref name="waiters"/>' ServiceAccounts.</summary>
    public static IEnumerable<object> Access(IReadOnlyList<string> waiters)
    {
        if (waiters.Count == 0)
        {
            yield break;
        }

        yield return new V1Role
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "Role",
            Metadata = Meta.Of(RoleName, RoleName, "migration"),
            Rules = [new V1PolicyRule { ApiGroups = ["batch"], Resources = ["jobs"], Verbs = ["get", "list", "watch"] }],
        };
        yield return new V1RoleBinding
        {
            ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "RoleBinding",
            Metadata = Meta.Of(RoleName, RoleName, "migration"),
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = RoleName },
            Subjects = waiters.Select(waiter => new Rbacv1Subject { Kind = "ServiceAccount", Name = waiter }).ToList(),
        };
    }
}
