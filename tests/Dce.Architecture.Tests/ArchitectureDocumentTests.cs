using System.Text;

namespace Dce.Architecture.Tests;

/// <summary><c>docs/architecture.md</c> shows the project graph as it is: its table is compared with every csproj.</summary>
public sealed class ArchitectureDocumentTests
{
    private const string Start = "<!-- project-graph:start -->";
    private const string End = "<!-- project-graph:end -->";

    [Fact]
    public void The_architecture_document_shows_every_project_and_reference()
    {
        var document = File.ReadAllText(Path.Combine(ProjectGraph.RepositoryRoot(), "docs", "architecture.md")).ReplaceLineEndings("\n");
        var start = document.IndexOf(Start, StringComparison.Ordinal);
        var end = document.IndexOf(End, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"docs/architecture.md has no {Start} ... {End} block");

        var shown = document[(start + Start.Length)..end].Trim();
        var actual = Table().Trim();

        Assert.True(shown == actual, $"docs/architecture.md's project graph is out of date; it should read:\n{actual}");
    }

    private static string Table()
    {
        var table = new StringBuilder()
            .AppendLine("| project | kind | references |")
            .AppendLine("|---|---|---|");
        foreach (var project in ProjectGraph.All)
        {
            var references = project.References.Count == 0 ? "none" : string.Join(", ", project.References.Select(reference => $"`{reference}`"));
            table.AppendLine($"| `{project.Name}` | {Kind(project.Role)} | {references} |");
        }

        return table.ToString();
    }

    private static string Kind(ProjectRole role) => role switch
    {
        ProjectRole.ServiceDefaults => "service defaults",
        ProjectRole.SharedLibrary => "shared library",
        ProjectRole.Module => "module",
        _ => "composition (AppHost)",
    };
}
