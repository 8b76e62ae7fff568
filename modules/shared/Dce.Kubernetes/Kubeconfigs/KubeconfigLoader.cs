using System.Diagnostics.CodeAnalysis;
using System.Text;
using Dce.Kubernetes.Outbound;
using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Dce.Kubernetes.Kubeconfigs;

/// <summary>
/// The one way the platform turns kubeconfig text into a client configuration. A kubeconfig is untrusted input (a user
/// pastes it, another module sends it): it is checked as data before KubernetesClient builds anything from it, because
/// building runs an <c>exec</c> plugin and reads the files it names. The configuration it returns connects only where
/// the <see cref="OutboundPolicy"/> allows.
/// </summary>
public sealed class KubeconfigLoader(OutboundPolicy policy)
{
    /// <summary>The longest kubeconfig accepted.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>Loads <paramref name="kubeconfig"/>, or says what is wrong with it (naming the field) without running or reading anything.</summary>
    public bool TryLoad(string? kubeconfig, [NotNullWhen(true)] out LoadedKubeconfig? loaded, [NotNullWhen(false)] out string? error)
    {
        loaded = null;
        error = Check(kubeconfig, out var parsed, out var serverField);
        if (error is not null)
        {
            return false;
        }

        try
        {
            var configuration = KubernetesClientConfiguration.BuildConfigFromConfigObject(parsed);
            configuration.FirstMessageHandlerSetup = policy.Secure;
            loaded = new LoadedKubeconfig(configuration, serverField!);
            return true;
        }
        catch (Exception exception) when (IsUnreadable(exception))
        {
            error = $"kubeconfig cannot be read: {FirstLine(exception.Message)}";
            return false;
        }
    }

    private string? Check(string? kubeconfig, out K8SConfiguration parsed, out string? serverField)
    {
        parsed = null!;
        serverField = null;
        if (string.IsNullOrWhiteSpace(kubeconfig))
        {
            return "kubeconfig is required: paste the cluster's kubeconfig file.";
        }

        if (kubeconfig.Length > MaxLength)
        {
            return $"kubeconfig is longer than {MaxLength / 1024} KiB.";
        }

        try
        {
            var document = new YamlStream();
            document.Load(new StringReader(kubeconfig));
            if (document.Documents.Count != 1 || document.Documents[0].RootNode is not YamlMappingNode root)
            {
                return "kubeconfig must be one YAML document with clusters, users and contexts.";
            }

            if (InlineCredentialRules.FirstRefusal(root) is { } refusal)
            {
                return refusal;
            }

            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(kubeconfig));
            parsed = KubernetesClientConfiguration.LoadKubeConfig(stream);
        }
        catch (Exception exception) when (IsUnreadable(exception))
        {
            return $"kubeconfig cannot be read: {FirstLine(exception.Message)}";
        }

        var clusters = parsed.Clusters?.ToList() ?? [];
        if (clusters.Count == 0)
        {
            return "kubeconfig names no cluster.";
        }

        // The typed object is what KubernetesClient acts on: check it too, whatever YAML spelling produced it.
        var users = parsed.Users?.ToList() ?? [];
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i].UserCredentials;
            if (user?.ExternalExecution is not null || user?.AuthProvider is not null || !string.IsNullOrEmpty(user?.ClientCertificate) || !string.IsNullOrEmpty(user?.ClientKey))
            {
                return $"users[{i}].user is not allowed: only inline credentials are accepted (token, username/password, client-certificate-data/client-key-data).";
            }
        }

        for (var i = 0; i < clusters.Count; i++)
        {
            var endpoint = clusters[i].ClusterEndpoint;
            if (endpoint is null)
            {
                return $"clusters[{i}].cluster is missing.";
            }

            if (!string.IsNullOrEmpty(endpoint.CertificateAuthority) || endpoint.SkipTlsVerify)
            {
                return $"clusters[{i}].cluster is not allowed: give the cluster's certificate-authority-data inline and keep TLS verification on.";
            }

            if (policy.CheckServer(endpoint.Server) is { } refusal)
            {
                return $"clusters[{i}].cluster.server {refusal}";
            }
        }

        var currentContext = parsed.CurrentContext;
        var current = parsed.Contexts?.FirstOrDefault(c => c.Name == currentContext)?.ContextDetails?.Cluster;
        var index = clusters.FindIndex(c => c.Name == current);
        serverField = $"clusters[{Math.Max(index, 0)}].cluster.server";
        return null;
    }

    private static bool IsUnreadable(Exception exception) =>
        exception is KubeConfigException or YamlDotNet.Core.YamlException or ArgumentException or FormatException or InvalidOperationException or NullReferenceException;

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 300 ? line[..300] : line;
    }
}
