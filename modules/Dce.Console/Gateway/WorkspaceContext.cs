namespace Dce.Console.Gateway;

/// <summary>The workspace the user works in on this page (one per circuit); pages that list workspace-scoped things follow it.</summary>
public sealed class WorkspaceContext
{
    public WorkspaceChoice? Current { get; private set; }

    public event Action? Changed;

    public void Choose(WorkspaceChoice? workspace)
    {
        Current = workspace;
        Changed?.Invoke();
    }
}

/// <summary>A workspace as the switcher shows it, with the folder it sits in.</summary>
public sealed record WorkspaceChoice(int Id, string Name, string? Folder);
