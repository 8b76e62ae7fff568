using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// The Deployment the walk's pods, events and related-object answers come from: made with the cluster's own client, so
/// the walk depends on no workload answer of the module. It reads the walk's ConfigMap and Secret.
/// </summary>
internal static class WalkWorkload
{
    public const string Name = "walk-web";
    public const string ConfigMap = "walk-config";
    public const string Secret = "walk-secret";
    public const string SecretValue = "s3cr3t-walk-value";

    public static string EncodedValue => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(SecretValue));

    public static async Task CreateAsync(WalkTarget target)
    {
        var deployment = PlatformFixture.Deployment(Name, 1);
        var container = deployment.Spec.Template.Spec.Containers[0];
        container.EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = ConfigMap } }];
        container.Env = [new V1EnvVar { Name = "PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = Secret, Key = "password" } } }];
        using var kube = target.Fixture.Kube();
        await kube.AppsV1.CreateNamespacedDeploymentAsync(deployment, target.Namespace);
    }

    /// <summary>A Running pod of the Deployment, waited for.</summary>
    public static async Task<string> RunningPodAsync(WalkTarget target)
    {
        using var kube = target.Fixture.Kube();
        string? running = null;
        await Dce.Testing.Eventually.Until(async () =>
        {
            var pods = await kube.CoreV1.ListNamespacedPodAsync(target.Namespace, labelSelector: $"app={Name}");
            running = pods.Items.FirstOrDefault(p => p.Status?.Phase == "Running")?.Metadata.Name;
            return running is not null;
        }, "a running pod of the walk's Deployment");
        return running!;
    }
}
