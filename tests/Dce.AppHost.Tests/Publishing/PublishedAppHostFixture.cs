namespace Dce.AppHost.Tests.Publishing;

/// <summary>The AppHost's own graph published once into a throwaway folder, with the values of its secret parameters.</summary>
public sealed class PublishedAppHostFixture : IAsyncLifetime
{
    public string Folder { get; private set; } = "";

    public IReadOnlyList<string> SecretValues { get; private set; } = [];

    /// <summary>The objects of one file of <c>base/</c>, loaded strictly.</summary>
    public IReadOnlyList<object> Base(string file)
    {
        var path = Path.Combine(Folder, "base", file);
        return ManifestFiles.LoadStrictly(path, File.ReadAllText(path));
    }

    public async Task InitializeAsync() => (Folder, SecretValues) = await AppHostPublish.ToTemporaryFolderAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
