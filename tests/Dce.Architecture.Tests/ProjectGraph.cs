using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace Dce.Architecture.Tests;

/// <summary>What a production project is, by where it lives.</summary>
public enum ProjectRole
{
    ServiceDefaults,
    SharedLibrary,
    Module,
    AppHost,
}

/// <summary>A production project and the projects it references, read from its csproj.</summary>
public sealed record ProjectNode(string Name, ProjectRole Role, IReadOnlyList<string> References)
{
    /// <summary>The module a project belongs to: <c>Dce.ContainerManagement.Kubernetes</c> is part of <c>ContainerManagement</c>.</summary>
    public string? Module => Role == ProjectRole.Module ? Name.Split('.')[1] : null;

    /// <summary>The namespace every type of the project lives under.</summary>
    public string RootNamespace => Name;
}

/// <summary>The production projects of the repository: the service defaults, the shared libraries, the modules and the AppHost.</summary>
public static class ProjectGraph
{
    private static readonly Lazy<IReadOnlyList<ProjectNode>> Projects = new(Read);

    public static IReadOnlyList<ProjectNode> All => Projects.Value;

    public static IEnumerable<ProjectNode> WithRole(ProjectRole role) => All.Where(project => project.Role == role);

    public static ProjectNode Named(string name) => All.Single(project => project.Name == name);

    public static string RepositoryRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));

    private static List<ProjectNode> Read()
    {
        var root = RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "modules"), "*.csproj", SearchOption.AllDirectories)
            .Append(Path.Combine(root, "Dce.ServiceDefaults", "Dce.ServiceDefaults.csproj"))
            .Append(Path.Combine(root, "Dce.AppHost", "Dce.AppHost.csproj"))
            .Where(file => !IsBuildOutput(file));
        return files.Select(file => Node(root, file)).OrderBy(project => project.Name, StringComparer.Ordinal).ToList();
    }

    private static ProjectNode Node(string root, string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
        var role = relative switch
        {
            _ when relative.StartsWith("modules/shared/", StringComparison.Ordinal) => ProjectRole.SharedLibrary,
            _ when relative.StartsWith("modules/", StringComparison.Ordinal) => ProjectRole.Module,
            _ when name == "Dce.ServiceDefaults" => ProjectRole.ServiceDefaults,
            _ => ProjectRole.AppHost,
        };
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new ProjectNode(name, role, references);
    }

    private static bool IsBuildOutput(string file) =>
        file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
