namespace Dce.AppHost.Hosting;

/// <summary>
/// A container the published pod of a service runs beside the service, sharing <paramref name="SharedFolder"/> (an
/// <c>emptyDir</c>) with it. Arguments and environment values are graph values (text, parameters, endpoint references).
/// </summary>
public sealed record SidecarAnnotation(
    string Name,
    string Image,
    IReadOnlyList<object> Arguments,
    IReadOnlyDictionary<string, object> Environment,
    string SharedFolder,
    int Port,
    string HealthPath) : IResourceAnnotation;
