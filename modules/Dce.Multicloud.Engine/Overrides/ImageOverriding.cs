using Dce.Multicloud.Engine.Model;

namespace Dce.Multicloud.Engine.Overrides;

/// <summary>Applies one image overrider to one image string, as Karmada does: <c>add</c> appends to the component.</summary>
internal static class ImageOverriding
{
    public static string Apply(string image, ImageOverrider overrider)
    {
        var reference = ImageReference.Parse(image);
        var value = overrider.Value ?? "";
        if (overrider.Operator != OverriderOperator.Remove && value.Length == 0)
        {
            throw new OverrideException($"The imageOverrider for {overrider.Component} with operator '{Operator(overrider)}' has no value; give the value to {Operator(overrider)}.");
        }

        var changed = overrider.Component switch
        {
            ImageComponent.Registry => Registry(reference, overrider.Operator, value),
            ImageComponent.Repository => Repository(reference, overrider.Operator, value),
            _ => TagOrDigest(reference, overrider.Operator, value),
        };
        return changed.ToString();
    }

    // An image written without a registry has none to append to: "add" then writes the value as the registry, as Karmada does.
    private static ImageReference Registry(ImageReference reference, OverriderOperator op, string value)
    {
        var registry = op switch
        {
            OverriderOperator.Add => (reference.Registry ?? "") + value,
            OverriderOperator.Replace => value,
            _ => null,
        };
        if (registry is not null && !ImageReference.IsRegistry(registry))
        {
            throw new OverrideException($"The imageOverrider would make the registry '{registry}' of image '{reference}'; give a host name with an optional port, such as 'registry.example.com:5000'.");
        }

        return reference with { Registry = registry };
    }

    private static ImageReference Repository(ImageReference reference, OverriderOperator op, string value)
    {
        if (op == OverriderOperator.Remove)
        {
            throw new OverrideException($"The imageOverrider removes the repository of image '{reference}'; an image needs a repository, use 'replace' instead.");
        }

        var repository = op == OverriderOperator.Add ? reference.Repository + value : value;
        if (!ImageReference.IsRepository(repository))
        {
            throw new OverrideException($"The imageOverrider would make the repository '{repository}' of image '{reference}'; a repository is lowercase path parts such as 'library/nginx'.");
        }

        return reference with { Repository = repository };
    }

    // The Tag component is the tag or, for an image pinned by digest only, the digest (Karmada's TagOrDigest).
    private static ImageReference TagOrDigest(ImageReference reference, OverriderOperator op, string value)
    {
        if (op == OverriderOperator.Remove)
        {
            return reference.Tag is not null ? reference with { Tag = null } : reference with { Digest = null };
        }

        var current = reference.Tag ?? reference.Digest ?? "";
        var next = op == OverriderOperator.Add ? current + value : value;
        if (ImageReference.IsTag(next))
        {
            return reference with { Tag = next, Digest = null };
        }

        if (ImageReference.IsDigest(next))
        {
            return reference with { Tag = null, Digest = next };
        }

        throw new OverrideException($"The imageOverrider would make the tag '{next}' of image '{reference}'; give a tag such as 'v1.2.3' or a digest such as 'sha256:<64 hex digits>'.");
    }

    private static string Operator(ImageOverrider overrider) => overrider.Operator.ToString().ToLowerInvariant();
}
