using Dce.ContainerManagement.Kubernetes;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// The workload kind an endpoint serves: set on the endpoint as metadata when it is mapped, and bound by its handler
/// from there, so one handler serves every kind. It is no part of the request.
/// </summary>
public sealed record ServedKind(WorkloadKind Kind)
{
    public static ValueTask<ServedKind?> BindAsync(HttpContext http) =>
        ValueTask.FromResult(http.GetEndpoint()?.Metadata.GetMetadata<ServedKind>());
}
