namespace Dce.AppHost.Publishing.Graph;

/// <summary>A container that runs in every pod of a service beside it, sharing <paramref name="SharedFolder"/> with it.</summary>
public sealed record WorkloadSidecar(
    string Name,
    string Image,
    IReadOnlyList<RenderedValue> Arguments,
    IReadOnlyList<WorkloadEnvironment> Environment,
    string SharedFolder,
    int Port,
    string HealthPath)
{
    /// <summary>The sidecar's container as a workload of its own, for what is worked out per container (its environment).</summary>
    public Workload AsContainer() => new(Name, WorkloadKind.Service, Image, [], Environment, Arguments, [], new HashSet<string>(), []);

    /// <summary>The resources the sidecar reaches.</summary>
    public IEnumerable<string> Targets => Environment.SelectMany(variable => variable.Value.Targets).Concat(Arguments.SelectMany(argument => argument.Targets));
}
