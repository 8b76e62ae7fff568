using System.Security.Cryptography;
using System.Text;

namespace Dce.Multicloud.Propagation.Templates;

/// <summary>Karmada's names, labels and annotations for bindings, works and propagated objects.</summary>
public static class KarmadaNames
{
    public const string PolicyNameLabel = "propagationpolicy.karmada.io/name";
    public const string PolicyNamespaceLabel = "propagationpolicy.karmada.io/namespace";
    public const string ClusterPolicyNameLabel = "clusterpropagationpolicy.karmada.io/name";
    public const string BindingNameLabel = "resourcebinding.karmada.io/name";
    public const string BindingNamespaceLabel = "resourcebinding.karmada.io/namespace";
    public const string WorkNameLabel = "work.karmada.io/name";
    public const string WorkNamespaceLabel = "work.karmada.io/namespace";
    public const string ManagedLabel = "karmada.io/managed";
    public const string ConflictResolutionAnnotation = "work.karmada.io/conflict-resolution";
    public const string ExecutionFinalizer = "karmada.io/execution-controller";
    public const string ExecutionNamespacePrefix = "karmada-es-";
    public const string ClusterSecretNamespace = "karmada-cluster";

    /// <summary>Karmada's binding name: <c>&lt;name&gt;-&lt;kind lowercase&gt;</c>.</summary>
    public static string BindingName(string name, string kind) => $"{name}-{kind.ToLowerInvariant()}";

    public static string ExecutionNamespace(string cluster) => ExecutionNamespacePrefix + cluster;

    /// <summary>The cluster an execution namespace belongs to, null for any other namespace.</summary>
    public static string? ClusterOf(string executionNamespace) =>
        executionNamespace.StartsWith(ExecutionNamespacePrefix, StringComparison.Ordinal) ? executionNamespace[ExecutionNamespacePrefix.Length..] : null;

    /// <summary>A Work's name: the template's name and a short hash of its kind and namespace, stable across restarts.</summary>
    public static string WorkName(string kind, string ns, string name)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}/{ns}")))[..8];
        var prefix = name.Length > 244 ? name[..244] : name;
        return $"{prefix}-{hash}";
    }

    /// <summary>Whether the controllers leave the namespace alone (system namespaces).</summary>
    public static bool IsSystemNamespace(string ns) =>
        ns.StartsWith("kube-", StringComparison.Ordinal) || ns.StartsWith("karmada-", StringComparison.Ordinal);
}
