using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.GlobalManagement;

/// <summary>A role as the roles page shows it; a permission reads <c>module:resourceType:action</c>.</summary>
public sealed record RoleLine(string Name, string Scope, string Description, bool BuiltIn, IReadOnlyList<string> Permissions, IReadOnlyList<string> Exclusions)
{
    public static readonly RoleLine New = new("", "Workspace", "", false, [], []);

    public bool IsNew => Name.Length == 0;

    public static RoleLine Of(JsonElement role) => new(role.Text("name"), role.Text("scope"), role.Text("description"),
        role.Prop("builtIn").ValueKind == JsonValueKind.True, [.. role.Items("permissions").Select(Permission)], [.. role.Items("exclusions").Select(Permission)]);

    public static object Body(string permission)
    {
        var parts = permission.Split(':');
        return new { module = parts[0], resourceType = parts[1], action = parts[2] };
    }

    private static string Permission(JsonElement permission) => $"{permission.Text("module")}:{permission.Text("resourceType")}:{permission.Text("action")}";
}
