using System.Text;
using k8s;
using k8s.Exceptions;

namespace Dce.ContainerManagement.Clusters;

/// <summary>Turns kubeconfig text into a client configuration, or says what is wrong with it.</summary>
public static class KubeconfigReader
{
    /// <summary>The longest kubeconfig accepted.</summary>
    public const int MaxLength = 256 * 1024;

    public static bool TryRead(string? kubeconfig, out KubernetesClientConfiguration configuration, out string error)
    {
        configuration = null!;
        error = "";
        if (string.IsNullOrWhiteSpace(kubeconfig))
        {
            error = "kubeconfig is required: paste the cluster's kubeconfig file.";
            return false;
        }

        if (kubeconfig.Length > MaxLength)
        {
            error = $"kubeconfig is longer than {MaxLength / 1024} KiB.";
            return false;
        }

        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
            var parsed = KubernetesClientConfiguration.LoadKubeConfig(stream);
            if (parsed.Clusters is null || !parsed.Clusters.Any())
            {
                error = "kubeconfig names no cluster.";
                return false;
            }

            configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(parsed);
            return true;
        }
        catch (Exception exception) when (exception is KubeConfigException or YamlDotNet.Core.YamlException or ArgumentException or FormatException or InvalidOperationException or NullReferenceException)
        {
            error = $"kubeconfig cannot be read: {FirstLine(exception.Message)}";
            return false;
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
