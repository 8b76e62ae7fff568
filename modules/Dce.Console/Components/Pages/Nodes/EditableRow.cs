namespace Dce.Console.Components.Pages.Nodes;

/// <summary>One row of a label or taint editor (a label has no effect).</summary>
public sealed class EditableRow
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public string Effect { get; set; } = "NoSchedule";
}
