namespace Dce.KubeSim.Machinery;

/// <summary>
/// Query options that shape a write: dry run, field validation, the field manager (null for the simulated
/// controllers, which get their component's name), apply's force, the subresource the manager writes through,
/// and where warnings for the response go.
/// </summary>
public sealed record WriteOptions(bool DryRun = false, bool StrictFields = false, string? FieldManager = null, bool Force = false,
    string? ManagerSubresource = null, bool WarnFields = false)
{
    public static WriteOptions Default { get; } = new();

    /// <summary>Warnings for the response's <c>Warning</c> headers (unknown fields under <c>fieldValidation=Warn</c>).</summary>
    public List<string> Warnings { get; } = [];
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
    string? PreconditionResourceVersion = null, bool DryRun = false, long? GracePeriodSeconds = null)
{
    public static DeleteOptions Default { get; } = new();
}
