namespace Dce.KubeSim.Simulation.Pods;

/// <summary>A container image reference split as a container runtime reads it, with Docker Hub's defaults filled in.</summary>
public sealed record ImageReference(string Registry, string Repository, string? Tag, string? Digest)
{
    public const string DockerHub = "docker.io";

    /// <summary>The fully qualified name containerd reports, e.g. <c>docker.io/library/nginx:1.27</c>.</summary>
    public string FullName => $"{Registry}/{Repository}{(Digest is null ? $":{Tag ?? "latest"}" : $"@{Digest}")}";

    /// <summary>Registry and repository without tag or digest, e.g. <c>docker.io/library/nginx</c>.</summary>
    public string Name => $"{Registry}/{Repository}";

    public static ImageReference Parse(string image)
    {
        var rest = image.Trim();
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
        }
        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : rest[..slash];
        var hasRegistry = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost";
        var registry = hasRegistry ? first : DockerHub;
        var repository = hasRegistry ? rest[(slash + 1)..] : rest;
        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = DockerHub;
        }
        if (registry == DockerHub && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }
        return new ImageReference(registry, repository.ToLowerInvariant(), tag, digest);
    }
}
