namespace Dce.GlobalManagement.Model;

/// <summary>Where a role can be bound.</summary>
public enum RoleScope
{
    Platform,
    Folder,
    Workspace,
}

/// <summary>A named set of permissions; built-in roles cannot be changed.</summary>
public sealed class Role
{
    public required string Name { get; set; }
    public RoleScope Scope { get; set; }
    public string? Description { get; set; }
    public bool BuiltIn { get; set; }
    public List<Permission> Permissions { get; set; } = [];

    /// <summary>What the role never grants, even where one of its permissions matches (a viewer's <c>*</c> stops short of secret values).</summary>
    public List<Permission> Exclusions { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }

    public bool Allows(string module, string resourceType, string action) =>
        Permissions.Any(p => p.Allows(module, resourceType, action)) && !Exclusions.Any(e => e.Allows(module, resourceType, action));
}

/// <summary>One action on one resource type of one module; <c>*</c> matches anything.</summary>
public sealed record Permission(string Module, string ResourceType, string Action)
{
    public const string Any = "*";

    public bool Allows(string module, string resourceType, string action) =>
        Matches(Module, module) && Matches(ResourceType, resourceType) && Matches(Action, action);

    public override string ToString() => $"{Module}:{ResourceType}:{Action}";

    private static bool Matches(string granted, string asked) =>
        granted == Any || string.Equals(granted, asked, StringComparison.OrdinalIgnoreCase);
}
