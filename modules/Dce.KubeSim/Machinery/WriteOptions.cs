namespace Dce.KubeSim.Machinery;

/// <summary>Query options that shape a write: dry run and field validation.</summary>
public sealed record WriteOptions(bool DryRun = false, bool StrictFields = false)
{
    public static WriteOptions Default { get; } = new();
}

/// <summary>How dependents of a deleted object are treated.</summary>
public enum Propagation
{
    Background,
    Foreground,
    Orphan,
}

/// <summary>A delete request's options.</summary>
public sealed record DeleteOptions(Propagation Propagation = Propagation.Background, string? PreconditionUid = null,
    string? PreconditionResourceVersion = null, bool DryRun = false)
{
    public static DeleteOptions Default { get; } = new();
}
