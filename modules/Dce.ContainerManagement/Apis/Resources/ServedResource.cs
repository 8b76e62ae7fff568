
namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>
/// A kind served by the generic resource endpoints: its cluster API, the path segment DCE gives it, the resource type
/// its permissions are asked for, and which operations DCE publishes for it. Set on each endpoint as metadata and bound
/// by the handlers from there; it is no part of the request.
/// </summary>
public sealed record ServedResource(ResourceKind Kind, string Segment, string Permission, ResourceRoutes Routes, string Tag)
{
    /// <summary>Custom resources take JSON merge patches only; built-in kinds take strategic merge by default.</summary>
    public bool IsCustom { get; init; }

    public static ValueTask<ServedResource?> BindAsync(HttpContext http) =>
        ValueTask.FromResult(http.GetEndpoint()?.Metadata.GetMetadata<ServedResource>());
}
