namespace Dce.ContainerManagement.Kubernetes;

/// <summary>A workload form that did not validate; <see cref="Errors"/> maps each field to its message.</summary>
public sealed class WorkloadFormException : ArgumentException
{
    public WorkloadFormException(IReadOnlyDictionary<string, string> errors)
        : base("invalid workload: " + string.Join("; ", (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => $"{e.Key} {e.Value}")))
    {
        Errors = errors;
    }

    /// <summary>Field path → message.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; }
}
