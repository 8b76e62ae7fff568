using Dce.AppHost.Publishing;
using Dce.AppHost.Publishing.Karmada;
using Dce.AppHost.Publishing.Kustomize;
using k8s;

namespace Dce.AppHost.Tests.Publishing;

/// <summary>The generated files of a <c>manifests/</c> folder and their typed loading.</summary>
internal static class ManifestFiles
{
    /// <summary>Every generated file (the owned folders and the ignore file), relative paths, deployer's env files excluded.</summary>
    public static SortedDictionary<string, string> Read(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in ManifestSet.OwnedFolders.Select(folder => Path.Combine(root, folder)).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(file => !file.EndsWith(".env", StringComparison.Ordinal)))
            {
                files[Path.GetRelativePath(root, file).Replace('\\', '/')] = File.ReadAllText(file);
            }
        }

        var ignore = Path.Combine(root, ".gitignore");
        if (File.Exists(ignore))
        {
            files[".gitignore"] = File.ReadAllText(ignore);
        }

        return files;
    }

    /// <summary>Loads a YAML file strictly into its typed model; unknown fields or kinds throw.</summary>
    public static IReadOnlyList<object> LoadStrictly(string path, string text)
    {
        var name = Path.GetFileName(path);
        if (name == "kustomization.yaml")
        {
            return [KubernetesYaml.Deserialize<Kustomization>(text, strict: true)];
        }

        if (path.Contains("/patches/delete-", StringComparison.Ordinal))
        {
            return [KubernetesYaml.Deserialize<DeletionPatch>(text, strict: true)];
        }

        if (path.Contains("/patches/", StringComparison.Ordinal))
        {
            return KubernetesYaml.Deserialize<List<JsonPatchOperation>>(text, strict: true);
        }

        return KubernetesYaml.LoadAllFromString(text, KarmadaPolicyGroup.TypeMap, strict: true);
    }
}
