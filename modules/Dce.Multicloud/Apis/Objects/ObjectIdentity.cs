using System.Text.Json.Nodes;
using Dce.Kubernetes.Names;

namespace Dce.Multicloud.Apis.Objects;

/// <summary>
/// Holds the object in a body to its route: its kind and API version (filled in when absent), its name (the route's when it
/// names one) and its namespace (filled in, or refused when another). Answers field errors, empty when it fits.
/// </summary>
internal static class ObjectIdentity
{
    public static Dictionary<string, string[]> Fit(JsonObject item, ServedKind kind, string? ns, string? name)
    {
        var errors = new Dictionary<string, string[]>();
        Expect(item, "apiVersion", kind.Kind.ApiVersion, errors);
        Expect(item, "kind", kind.Kind.Kind, errors);
        if (item["metadata"] is not JsonObject metadata)
        {
            metadata = [];
            item["metadata"] = metadata;
        }

        var itemName = metadata["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? metadata["name"]!.GetValue<string>() : null;
        if (name is not null && itemName is not null && itemName != name)
        {
            errors["data.metadata.name"] = [$"the object is named {itemName}, the path {name}: they must agree."];
        }

        metadata["name"] = itemName ??= name;
        if (itemName is null or "" || !KubernetesNames.IsSubdomain(itemName))
        {
            errors["data.metadata.name"] = ["give the object a name: lowercase letters, digits, '-' and '.', at most 253 characters."];
        }

        var itemNamespace = metadata["namespace"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? metadata["namespace"]!.GetValue<string>() : null;
        if (!kind.Namespaced)
        {
            if (!string.IsNullOrEmpty(itemNamespace))
            {
                errors["data.metadata.namespace"] = [$"a {kind.Kind.Kind} belongs to no namespace; remove metadata.namespace."];
            }
        }
        else if (itemNamespace is { Length: > 0 } && itemNamespace != ns)
        {
            errors["data.metadata.namespace"] = [$"the object is in namespace {itemNamespace}, the path in {ns}: they must agree."];
        }
        else
        {
            metadata["namespace"] = ns;
        }

        return errors;
    }

    private static void Expect(JsonObject item, string field, string expected, Dictionary<string, string[]> errors)
    {
        var value = item[field];
        if (value is null)
        {
            item[field] = expected;
        }
        else if (value.GetValueKind() != System.Text.Json.JsonValueKind.String || value.GetValue<string>() != expected)
        {
            errors["data." + field] = [$"this path serves {expected} objects; data.{field} must be {expected} or absent."];
        }
    }
}
