using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// The restricted Pod Security Standard: non-root, no privilege escalation, no capabilities, read-only root
/// filesystem (a writable <c>/tmp</c> comes from an emptyDir), the runtime's seccomp profile.
/// </summary>
public static class SecurityProfiles
{
    /// <summary>The <c>app</c> user of the .NET container images.</summary>
    public const long DotnetUser = 1654;

    /// <summary>The user the official PostgreSQL, Redis and RabbitMQ images run their server as.</summary>
    public const long MiddlewareUser = 999;

    /// <summary>The pod-level context running as <paramref name="user"/>.</summary>
    public static V1PodSecurityContext Pod(long user) => new()
    {
        RunAsNonRoot = true,
        RunAsUser = user,
        RunAsGroup = user,
        FsGroup = user,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    /// <summary>The container-level context.</summary>
    public static V1SecurityContext Container() => new()
    {
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        RunAsNonRoot = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    /// <summary>The writable scratch folder a read-only root filesystem still needs.</summary>
    public static V1Volume ScratchVolume(string name = "tmp") => new() { Name = name, EmptyDir = new V1EmptyDirVolumeSource() };

    /// <summary>Mounts <see cref="ScratchVolume"/> at <paramref name="path"/>.</summary>
    public static V1VolumeMount ScratchMount(string path = "/tmp", string name = "tmp") => new() { Name = name, MountPath = path };
}
