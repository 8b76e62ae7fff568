using Dce.Multicloud.Engine.Overrides;

namespace Dce.Multicloud.Engine.Tests.Overrides;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", null, "nginx", null, null, "docker.io")]
    [InlineData("nginx:1.25", null, "nginx", "1.25", null, "docker.io")]
    [InlineData("library/nginx:1.25", null, "library/nginx", "1.25", null, "docker.io")]
    [InlineData("docker.io/library/nginx:1.25", "docker.io", "library/nginx", "1.25", null, "docker.io")]
    [InlineData("localhost/app", "localhost", "app", null, null, "localhost")]
    [InlineData("registry.example.com:5000/team/app:v2", "registry.example.com:5000", "team/app", "v2", null, "registry.example.com:5000")]
    [InlineData("localhost:5000/app", "localhost:5000", "app", null, null, "localhost:5000")]
    [InlineData("ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io", "org/app", null, "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "ghcr.io")]
    [InlineData("quay.io/app:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "quay.io", "app", "1.0", "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "quay.io")]
    public void An_image_is_split_into_registry_repository_tag_and_digest(string image, string? registry, string repository, string? tag, string? digest, string effective)
    {
        var reference = ImageReference.Parse(image);

        Assert.Equal((registry, repository, tag, digest, effective), (reference.Registry, reference.Repository, reference.Tag, reference.Digest, reference.EffectiveRegistry));
        Assert.Equal(image, reference.ToString());
    }

    [Theory]
    [InlineData("Nginx:1.0", "repository")]
    [InlineData("nginx:-bad", "tag")]
    [InlineData("nginx@sha256:short", "digest")]
    [InlineData("", "repository")]
    public void An_invalid_image_is_an_error_that_names_the_bad_part(string image, string part)
    {
        var error = Assert.Throws<OverrideException>(() => ImageReference.Parse(image));

        Assert.Contains($"invalid {part}", error.Message, StringComparison.Ordinal);
    }
}
