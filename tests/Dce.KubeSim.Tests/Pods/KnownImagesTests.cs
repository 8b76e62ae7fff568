using System.Text.RegularExpressions;
using Dce.KubeSim.Simulation.Pods;

namespace Dce.KubeSim.Tests.Pods;

public sealed partial class KnownImagesTests
{
    [Theory]
    [InlineData("nginx")]
    [InlineData("nginx:1.27")]
    [InlineData("docker.io/library/nginx:1.27")]
    [InlineData("index.docker.io/library/busybox:1.36")]
    [InlineData("redis@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("registry.k8s.io/pause:3.10")]
    [InlineData("registry.k8s.io/coredns/coredns:v1.11.3")]
    [InlineData("postgres:17")]
    [InlineData("registry.test/dce/module1:1.2.3")]
    [InlineData("registry.edge.local/dce/mirror/library/rabbitmq:4.3")]
    public void Public_images_pull_with_any_tag_or_digest(string image) => Assert.Null(KnownImages.PullFailure(image));

    [Theory]
    [InlineData("nginx:does-not-exist")]
    [InlineData("docker.io/library/nginx:nonexistent")]
    [InlineData("example.com/nobody/nothing:1")]
    [InlineData("someone/unknown-image:1.0")]
    [InlineData("registry.edge.local/dce/mirror/library/unknown-image:1.0")]
    public void Unknown_images_do_not_pull(string image) => Assert.Contains("not found", KnownImages.PullFailure(image), StringComparison.Ordinal);

    [Fact]
    public void Every_image_the_published_manifests_use_pulls_in_every_overlay()
    {
        var manifests = Path.Combine(RepositoryRoot(), "manifests");
        var images = Directory.GetFiles(Path.Combine(manifests, "base"), "*.yaml")
            .Concat(Directory.GetFiles(Path.Combine(manifests, "components"), "*.yaml", SearchOption.AllDirectories))
            .SelectMany(f => ImageLine().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        Assert.NotEmpty(images);
        var renamed = new List<string>();
        foreach (var kustomization in Directory.GetFiles(Path.Combine(manifests, "overlays"), "kustomization.yaml", SearchOption.AllDirectories))
        {
            foreach (Match rename in ImageRename().Matches(File.ReadAllText(kustomization)))
            {
                var original = images.FirstOrDefault(i => i.StartsWith(rename.Groups[1].Value + ":", StringComparison.Ordinal));
                Assert.NotNull(original);
                renamed.Add(rename.Groups[2].Value + original[rename.Groups[1].Value.Length..]);
            }
        }
        Assert.Contains(renamed, i => i.StartsWith("registry.edge.local/dce/", StringComparison.Ordinal));

        Assert.All(images.Concat(renamed), image => Assert.Null(KnownImages.PullFailure(image)));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dce.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Dce.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"^\s*image:\s*""?([^\s""]+)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex ImageLine();

    [GeneratedRegex(@"-\s*name:\s*(\S+)\s*\n\s*newName:\s*(\S+)")]
    private static partial Regex ImageRename();
}
