using System.Text.Json.Nodes;
using Dce.Kubernetes.Names;

namespace Dce.ContainerManagement.Apis.Resources;

/// <summary>
/// Reads the object of a create or replace body and holds it to its route before anything reaches the cluster: the
/// route's kind, the route's namespace (filled in when absent; another one refused), no namespace for a cluster-scoped
/// kind, a name (the route's, for a replace).
/// </summary>
internal static class ObjectBody
{
    public static (JsonObject? Object, IResult? Problem) Read(ServedResource served, DataBody? body, string? ns, string? routeName)
    {
        if (string.IsNullOrWhiteSpace(body?.Data))
        {
            return Refuse("data", $"data is required: the {served.Kind.Kind} as YAML or JSON text.");
        }

        JsonObject obj;
        try
        {
            obj = ObjectDocument.Parse(body.Data);
        }
        catch (ManifestShapeException shape)
        {
            return Refuse("data", shape.Message);
        }

        var kind = served.Kind;
        var (apiVersion, objectKind) = (obj["apiVersion"]?.ToString(), obj["kind"]?.ToString());
        if (objectKind is not null && objectKind != kind.Kind)
        {
            return Refuse("data.kind", $"This endpoint takes {kind.Kind} objects; the data is a {objectKind}.");
        }

        if (apiVersion is not null && !SameGroup(apiVersion, kind))
        {
            return Refuse("data.apiVersion", $"A {kind.Kind} here has apiVersion {kind.ApiVersion}; the data says {apiVersion}.");
        }

        obj["apiVersion"] = apiVersion ?? kind.ApiVersion;
        obj["kind"] = kind.Kind;
        if (obj["metadata"] is not JsonObject metadata)
        {
            return Refuse("data.metadata", "metadata is required, with at least a name.");
        }

        var name = metadata["name"]?.ToString();
        if (routeName is not null && name is not null && name != routeName)
        {
            return Refuse("data.metadata.name", $"metadata.name is {name} but the path names {routeName}; an object cannot be renamed.");
        }

        name ??= routeName;
        if (name is null && metadata["generateName"] is null)
        {
            return Refuse("data.metadata.name", "metadata.name is required.");
        }

        if (name is not null && (name.Length > KubernetesNames.SubdomainMaxLength || name.Contains('/', StringComparison.Ordinal) || name is "." or ".."))
        {
            return Refuse("data.metadata.name", $"{name} is not a valid object name.");
        }

        metadata["name"] = name;
        var objectNamespace = metadata["namespace"]?.ToString();
        if (!kind.Namespaced && !string.IsNullOrEmpty(objectNamespace))
        {
            return Refuse("data.metadata.namespace", $"A {kind.Kind} belongs to no namespace; remove metadata.namespace.");
        }

        if (kind.Namespaced)
        {
            if (!string.IsNullOrEmpty(objectNamespace) && objectNamespace != ns)
            {
                return Refuse("data.metadata.namespace", $"metadata.namespace is {objectNamespace} but the path's namespace is {ns}; an object is created only in the namespace of its path.");
            }

            metadata["namespace"] = ns;
        }

        metadata.Remove("cluster");
        metadata.Remove("workspaceAlias");
        return (obj, null);
    }

    private static bool SameGroup(string apiVersion, ResourceKind kind)
    {
        var slash = apiVersion.LastIndexOf('/');
        var group = slash < 0 ? "" : apiVersion[..slash];
        return group == kind.Group;
    }

    private static (JsonObject?, IResult?) Refuse(string field, string message) =>
        (null, new Validation().Require(false, field, message).Problem());
}
