using k8s;

namespace Dce.AppHost.Publishing;

/// <summary>The generated files, by path relative to <c>manifests/</c>, serialized from typed objects.</summary>
public sealed class ManifestSet
{
    /// <summary>The folders the publisher owns; everything in them but the real env files is regenerated.</summary>
    public static readonly string[] OwnedFolders = ["base", "components", "overlays", "karmada"];

    private readonly SortedDictionary<string, string> _files = new(StringComparer.Ordinal);

    /// <summary>The files, in path order.</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>Writes <paramref name="objects"/> as one multi-document YAML file.</summary>
    public void AddObjects(string path, IEnumerable<object> objects) => Add(path, KubernetesYaml.SerializeAll(objects.ToList()));

    /// <summary>Writes <paramref name="value"/> as a single YAML document.</summary>
    public void AddDocument(string path, object value) => Add(path, KubernetesYaml.Serialize(value));

    /// <summary>Writes a file that is not YAML (an env example, an ignore file).</summary>
    public void AddText(string path, string text) => Add(path, text);

    /// <summary>Replaces the owned folders under <paramref name="directory"/> with this set; real <c>*.env</c> files are kept.</summary>
    public void WriteTo(string directory)
    {
        foreach (var folder in OwnedFolders.Select(folder => Path.Combine(directory, folder)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith(".env", StringComparison.Ordinal)))
            {
                File.Delete(file);
            }
        }

        foreach (var (path, text) in _files)
        {
            var target = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, text);
        }
    }

    private void Add(string path, string text)
    {
        if (!_files.TryAdd(path, text.EndsWith('\n') ? text : text + "\n"))
        {
            throw new InvalidOperationException($"{path} is generated twice.");
        }
    }
}
