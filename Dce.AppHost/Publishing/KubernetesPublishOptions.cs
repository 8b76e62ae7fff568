namespace Dce.AppHost.Publishing;

/// <summary>What the manifests are published with.</summary>
/// <param name="Namespace">The one namespace of the platform.</param>
/// <param name="Registry">The registry and repository prefix of the project images.</param>
/// <param name="Version">The tag of the project images.</param>
public sealed record KubernetesPublishOptions(string Namespace, string Registry, string Version)
{
    /// <summary>The platform's namespace.</summary>
    public const string DefaultNamespace = "dce-system";
}
