namespace Dce.Console.Components.Pages.Namespaces;

/// <summary>One resource of a namespace's quota: what is used, the limit being edited, and its workspace's ceiling.</summary>
public sealed class QuotaRow(string dimension, string label, string? workspaceKey)
{
    /// <summary>The quota's resource name (<c>requests.cpu</c>).</summary>
    public string Dimension { get; } = dimension;

    public string Label { get; } = label;

    /// <summary>The name of the dimension in the workspace quota (<c>requestsCpu</c>); null when workspaces do not limit it.</summary>
    public string? WorkspaceKey { get; } = workspaceKey;

    public string Used { get; set; } = "";

    public string Hard { get; set; } = "";

    public string? Ceiling { get; set; }

    public string? Left { get; set; }

    public static List<QuotaRow> All() =>
    [
        new("requests.cpu", "CPU requests", "requestsCpu"),
        new("limits.cpu", "CPU limits", "limitsCpu"),
        new("requests.memory", "Memory requests", "requestsMemory"),
        new("limits.memory", "Memory limits", "limitsMemory"),
        new("requests.storage", "Storage requests", "requestsStorage"),
        new("persistentvolumeclaims", "Volume claims", "persistentVolumeClaims"),
        new("pods", "Pods", null),
    ];
}
