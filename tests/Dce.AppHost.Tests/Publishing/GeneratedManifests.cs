using Dce.AppHost.Publishing;
using Dce.AppHost.Publishing.Graph;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>Manifests generated from <see cref="TestGraph"/> into a throwaway folder.</summary>
internal sealed class GeneratedManifests : IDisposable
{
    private GeneratedManifests(string directory, ManifestSet manifests, PublishedGraph graph)
    {
        Directory = directory;
        Manifests = manifests;
        Graph = graph;
    }

    public string Directory { get; }

    public ManifestSet Manifests { get; }

    public PublishedGraph Graph { get; }

    public static async Task<GeneratedManifests> CreateAsync(int moduleCount = 2, params string[] args)
    {
        var (model, context, configuration) = TestGraph.Build(TestGraph.Platform(moduleCount, args));
        var options = new KubernetesPublishOptions(KubernetesPublishOptions.DefaultNamespace, "registry.test/dce", "1.2.3");
        var (manifests, graph) = await KubernetesManifestPublisher.GenerateAsync(model, context, configuration, options, CancellationToken.None);
        var directory = Path.Combine(Path.GetTempPath(), $"dce-manifests-{Guid.NewGuid():N}");
        manifests.WriteTo(directory);
        return new GeneratedManifests(directory, manifests, graph);
    }

    /// <summary>Fills the git-ignored env files from their examples, as a deployer would.</summary>
    public void FillSecrets(Func<string, string> valueOf)
    {
        foreach (var example in System.IO.Directory.EnumerateFiles(Directory, "*.env.example", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(example)
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => line.TrimEnd('=') + "=" + valueOf(line.TrimEnd('=')));
            File.WriteAllLines(example[..^".example".Length], lines);
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
