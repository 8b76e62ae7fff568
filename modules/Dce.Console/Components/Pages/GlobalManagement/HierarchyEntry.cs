using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.GlobalManagement;

/// <summary>One line of the folder and workspace tree, flattened in display order with its depth.</summary>
public sealed record HierarchyEntry(bool IsFolder, int Id, string Name, string Alias, int Depth, int? ParentFolderId)
{
    /// <summary>The key the page's address uses to select this entry: <c>folder-3</c> or <c>workspace-7</c>.</summary>
    public string Key => (IsFolder ? "folder-" : "workspace-") + Id;

    /// <summary>Folders depth-first from the <c>folders-tree</c> answer, each followed by its workspaces; then the top-level workspaces.</summary>
    public static List<HierarchyEntry> Flatten(JsonElement tree, IEnumerable<JsonElement> topLevelWorkspaces)
    {
        var entries = new List<HierarchyEntry>();
        void Add(JsonElement folder, int depth, int? parent)
        {
            var id = folder.Int("id");
            entries.Add(new HierarchyEntry(true, id, folder.Text("name"), folder.Text("alias"), depth, parent));
            foreach (var child in folder.Items("folders"))
            {
                Add(child, depth + 1, id);
            }

            entries.AddRange(folder.Items("workspaces").Select(w => Workspace(w, depth + 1)));
        }

        foreach (var folder in tree.Items())
        {
            Add(folder, 0, null);
        }

        entries.AddRange(topLevelWorkspaces.Select(w => Workspace(w, 0)));
        return entries;
    }

    private static HierarchyEntry Workspace(JsonElement workspace, int depth) =>
        new(false, workspace.Int("id"), workspace.Text("name"), workspace.Text("alias"), depth,
            workspace.Prop("parentFolderId").ValueKind == JsonValueKind.Number ? workspace.Int("parentFolderId") : null);
}
