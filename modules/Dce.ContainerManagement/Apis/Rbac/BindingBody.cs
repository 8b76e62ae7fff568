using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.ContainerManagement.Apis.Resources;
using Dce.ContainerManagement.Kubernetes;
using Dce.ContainerManagement.Kubernetes.Rbac;
using Dce.Kubernetes.Names;

namespace Dce.ContainerManagement.Apis.Rbac;

/// <summary>
/// The binding a create call asks for, from DCE's form (<c>name</c>, <c>subject</c>, <c>roleRef</c>, <c>labels</c>,
/// <c>annotations</c>, <c>ownerReferences</c>) or from <c>{"data": "&lt;YAML or JSON&gt;"}</c>; both end as one object
/// held to the same rules: the route's kind and namespace, at least one subject, a roleRef a binding of this kind may
/// name. DCE's role template names (ns-admin, ns-editor, ns-viewer) stand for the ClusterRoles they bind.
/// </summary>
internal static class BindingBody
{
    private static readonly string[] SubjectKinds = ["User", "Group", "ServiceAccount"];

    public static (JsonObject? Binding, IResult? Problem) Read(ServedResource served, JsonElement body, string? ns)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Refuse("body", "The body is DCE's form (name, subject, roleRef) or {\"data\": \"<YAML or JSON>\"}.");
        }

        JsonObject binding;
        if (body.TryGetProperty("data", out var data))
        {
            var (obj, problem) = ObjectBody.Read(served, new DataBody(data.ValueKind == JsonValueKind.String ? data.GetString() : null), ns, routeName: null);
            if (problem is not null)
            {
                return (null, problem);
            }

            binding = obj!;
        }
        else
        {
            var (form, problem) = FromForm(served, JsonNode.Parse(body.GetRawText())!.AsObject(), ns);
            if (problem is not null)
            {
                return (null, problem);
            }

            binding = form!;
        }

        return Check(served, binding, ns);
    }

    private static (JsonObject?, IResult?) FromForm(ServedResource served, JsonObject form, string? ns)
    {
        var name = form["name"]?.ToString();
        if (!KubernetesNames.IsSubdomain(name))
        {
            return Refuse("name", "name is required: the binding's name, lower-case letters, digits, '-' and '.'.");
        }

        if (form["subject"] is not JsonObject subject)
        {
            return Refuse("subject", "subject is required: {\"kind\": \"User|Group|ServiceAccount\", \"name\": ...}.");
        }

        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        foreach (var field in new[] { "labels", "annotations", "ownerReferences" })
        {
            if (form[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
        }

        return (new JsonObject
        {
            ["apiVersion"] = served.Kind.ApiVersion,
            ["kind"] = served.Kind.Kind,
            ["metadata"] = metadata,
            ["subjects"] = new JsonArray(RbacShape.FromDce(subject)),
            ["roleRef"] = RbacShape.FromDce(form["roleRef"] as JsonObject),
        }, null);
    }

    private static (JsonObject?, IResult?) Check(ServedResource served, JsonObject binding, string? ns)
    {
        var subjects = (binding["subjects"] as JsonArray ?? []).Select(s => RbacShape.FromDce(s as JsonObject)).ToList();
        if (subjects.Count == 0 || subjects.Any(s => s is null))
        {
            return Refuse("subjects", "At least one subject is required, each {\"kind\": \"User|Group|ServiceAccount\", \"name\": ...}.");
        }

        for (var i = 0; i < subjects.Count; i++)
        {
            var subject = subjects[i]!;
            var kind = subject["kind"]?.ToString();
            if (!SubjectKinds.Contains(kind, StringComparer.Ordinal) || string.IsNullOrWhiteSpace(subject["name"]?.ToString()))
            {
                return Refuse($"subjects[{i}]", "A subject has a kind (User, Group or ServiceAccount) and a name.");
            }

            if (kind == "ServiceAccount")
            {
                subject["namespace"] ??= ns;
                subject.Remove("apiGroup");
                if (subject["namespace"] is null)
                {
                    return Refuse($"subjects[{i}].namespace", "A ServiceAccount subject of a ClusterRoleBinding names its namespace.");
                }
            }
            else
            {
                subject["apiGroup"] = "rbac.authorization.k8s.io";
            }
        }

        binding["subjects"] = new JsonArray([.. subjects]);
        var roleRef = RbacShape.FromDce(binding["roleRef"] as JsonObject);
        var refKind = roleRef?["kind"]?.ToString() ?? "ClusterRole";
        var refName = roleRef?["name"]?.ToString();
        if (string.IsNullOrWhiteSpace(refName))
        {
            return Refuse("roleRef.name", "roleRef names the role to bind: {\"kind\": \"ClusterRole\", \"name\": \"view\"}.");
        }

        var allowedKinds = served.Kind.Namespaced ? new[] { "Role", "ClusterRole" } : ["ClusterRole"];
        if (!allowedKinds.Contains(refKind, StringComparer.Ordinal))
        {
            return Refuse("roleRef.kind", $"A {served.Kind.Kind} binds {string.Join(" or ", allowedKinds)}; {refKind} is not one.");
        }

        if (refKind == "ClusterRole" && AccessLevels.Templates.TryGetValue(refName, out var clusterRole))
        {
            refName = clusterRole;
        }

        binding["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = refKind, ["name"] = refName };
        return (binding, null);
    }

    /// <summary>The rules the binding's roleRef grants, read from the cluster; null when the role does not exist.</summary>
    public static async Task<IReadOnlyList<JsonObject>?> RulesAsync(k8s.IKubernetes client, JsonObject binding, string? ns, CancellationToken cancellationToken)
    {
        var kind = binding["roleRef"]!["kind"]!.ToString() == "Role" ? ResourceKinds.Roles : ResourceKinds.ClusterRoles;
        try
        {
            return RuleCoverage.RulesOf(await ResourceClient.GetAsync(client, kind, kind.Namespaced ? ns : null, binding["roleRef"]!["name"]!.ToString(), cancellationToken));
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static (JsonObject?, IResult?) Refuse(string field, string message) =>
        (null, new Validation().Require(false, field, message).Problem());
}
