namespace Dce.AppHost.Publishing.Graph;

/// <summary>A resource of the graph as it runs in the cluster.</summary>
public sealed record Workload(
    string Name,
    WorkloadKind Kind,
    string Image,
    IReadOnlyList<WorkloadPort> Ports,
    IReadOnlyList<WorkloadEnvironment> Environment,
    IReadOnlyList<RenderedValue> Arguments,
    IReadOnlyList<string> DataPaths,
    IReadOnlySet<string> Targets,
    IReadOnlyList<string> CompletesBefore,
    string? Entrypoint = null)
{
    /// <summary>Containers every pod of the workload runs beside it.</summary>
    public IReadOnlyList<WorkloadSidecar> Sidecars { get; init; } = [];

    /// <summary>Whether the gateway-style entry is reachable from outside the cluster.</summary>
    public bool IsExternal => Ports.Any(port => port.External);

    /// <summary>The parameters the workload's environment and arguments need, each once, in a stable order.</summary>
    public IReadOnlyList<PublishedParameter> Parameters =>
        Environment.SelectMany(variable => variable.Value.Parameters)
            .Concat(Arguments.SelectMany(argument => argument.Parameters))
            .DistinctBy(parameter => parameter.Name)
            .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
            .ToList();
}
