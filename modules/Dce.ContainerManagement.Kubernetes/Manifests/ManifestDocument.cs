using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes;

/// <summary>One checked object of a manifest: its place in the manifest, kind, namespace (null when cluster-scoped) and name.</summary>
public sealed class ManifestDocument
{
    internal ManifestDocument(int index, ManifestResource resource, IKubernetesObject<V1ObjectMeta> obj)
    {
        Index = index;
        Resource = resource;
        Object = obj;
    }

    /// <summary>The document's position in the manifest, from 1.</summary>
    public int Index { get; }

    public string Kind => Resource.Kind;

    public string? Namespace => Object.Metadata.NamespaceProperty;

    public string Name => Object.Metadata.Name;

    /// <summary>The object as it will be sent to the cluster.</summary>
    public IKubernetesObject<V1ObjectMeta> Object { get; }

    public ManifestObject Id => new(Kind, Namespace, Name);

    internal ManifestResource Resource { get; }

    /// <summary>How messages name the document: <c>document 2 (Secret "token")</c>.</summary>
    public override string ToString() => $"document {Index} ({Kind} \"{Name}\")";
}
