using System.Text.RegularExpressions;

namespace Dce.Multicloud.Engine.Overrides;

/// <summary>
/// A container image, <c>[registry/]repository[:tag][@digest]</c>, kept as it was written. The first path part is the
/// registry only when it has a dot or a port, or is <c>localhost</c> (Docker's rule); an image without one comes from
/// <see cref="DefaultRegistry"/>.
/// </summary>
public sealed partial record ImageReference(string? Registry, string Repository, string? Tag, string? Digest)
{
    public const string DefaultRegistry = "docker.io";

    /// <summary>The registry the image is pulled from, <see cref="DefaultRegistry"/> when none is written.</summary>
    public string EffectiveRegistry => Registry ?? DefaultRegistry;

    public static ImageReference Parse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var rest = image;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!DigestPattern().IsMatch(digest))
            {
                throw new OverrideException($"Image '{image}' has an invalid digest '{digest}'; a digest looks like 'sha256:' followed by at least 32 hex digits.");
            }
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                throw new OverrideException($"Image '{image}' has an invalid tag '{tag}'; a tag is up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'.");
            }
        }

        string? registry = null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && (rest[..slash].IndexOfAny(['.', ':']) >= 0 || rest[..slash] == "localhost"))
        {
            registry = rest[..slash];
            rest = rest[(slash + 1)..];
        }

        if (!RepositoryPattern().IsMatch(rest))
        {
            throw new OverrideException($"Image '{image}' has an invalid repository '{rest}'; a repository is lowercase path parts such as 'library/nginx'.");
        }

        return new ImageReference(registry, rest, tag, digest);
    }

    public override string ToString() =>
        (Registry is null ? "" : Registry + "/") + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    internal static bool IsTag(string value) => TagPattern().IsMatch(value);

    internal static bool IsDigest(string value) => DigestPattern().IsMatch(value);

    internal static bool IsRegistry(string value) => RegistryPattern().IsMatch(value);

    internal static bool IsRepository(string value) => RepositoryPattern().IsMatch(value);

    [GeneratedRegex(@"^[\w][\w.-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$")]
    private static partial Regex RegistryPattern();
}
