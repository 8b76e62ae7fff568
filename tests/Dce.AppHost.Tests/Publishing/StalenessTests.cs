using Dce.AppHost.Publishing;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>The checked-in <c>manifests/</c> is what the command generates from the AppHost's graph today.</summary>
public sealed class StalenessTests
{
    [Fact]
    public async Task Checked_in_manifests_match_the_graph()
    {
        var (folder, _) = await AppHostPublish.ToTemporaryFolderAsync();
        try
        {
            var expected = ManifestFiles.Read(folder);
            var actual = ManifestFiles.Read(Repository.Manifests);
            var differences = expected.Keys.Union(actual.Keys)
                .Where(path => expected.GetValueOrDefault(path) != actual.GetValueOrDefault(path))
                .ToList();

            Assert.True(differences.Count == 0,
                $"manifests/ is out of date: run {KubernetesPublishingExtensions.Command}\nDiffering files: {string.Join(", ", differences.Take(20))}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
