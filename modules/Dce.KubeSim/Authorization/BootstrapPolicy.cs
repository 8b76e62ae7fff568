using System.Text.Json.Nodes;
using Dce.KubeSim.Clusters;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Authorization;

/// <summary>
/// The ClusterRoles and ClusterRoleBindings kube-apiserver creates at start: cluster-admin for system:masters,
/// discovery and self-review for every authenticated user, <c>/metrics</c> for the system:monitoring group, and the
/// aggregated admin, edit and view roles.
/// </summary>
public static class BootstrapPolicy
{
    private const string Group = "rbac.authorization.k8s.io";
    private const string AggregateLabel = "rbac.authorization.k8s.io/aggregate-to-";
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Write = ["create", "delete", "deletecollection", "patch", "update"];

    public static void Seed(SimulatedCluster sim)
    {
        var roles = sim.Type(Group, "clusterroles");
        var bindings = sim.Type(Group, "clusterrolebindings");
        foreach (var role in ClusterRoles())
        {
            if (sim.Store.Get(roles.StorageKey, "", role.Metadata().Str("name")!) is null)
            {
                sim.Objects.Create(roles, "", role);
            }
        }
        foreach (var binding in ClusterRoleBindings())
        {
            if (sim.Store.Get(bindings.StorageKey, "", binding.Metadata().Str("name")!) is null)
            {
                sim.Objects.Create(bindings, "", binding);
            }
        }
        ClusterRoleAggregation.Reconcile(sim);
    }

    private static IEnumerable<JsonObject> ClusterRoles()
    {
        yield return Role("cluster-admin", null, Rule(["*"], ["*"], ["*"]), NonResource(["*"], ["*"]));
        yield return Role("system:discovery", null,
            NonResource(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"]));
        yield return Role("system:public-info-viewer", null, NonResource(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"]));
        yield return Role("system:monitoring", null,
            NonResource(["get"], ["/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*"]));
        yield return Role("system:basic-user", null,
            Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]));
        yield return Aggregated("admin", null, "admin");
        yield return Aggregated("edit", "admin", "edit");
        yield return Aggregated("view", "edit", "view");
        yield return Role("system:aggregate-to-admin", "admin",
            Rule([.. Read, .. Write], [Group], ["rolebindings", "roles"]),
            Rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]));
        yield return Role("system:aggregate-to-edit", "edit",
            Rule([.. Write], [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "pods/eviction"]),
            Rule([.. Read, .. Write], [""], ["configmaps", "endpoints", "persistentvolumeclaims", "replicationcontrollers",
                "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"]),
            Rule(["create"], [""], ["serviceaccounts/token"]),
            Rule(["impersonate"], [""], ["serviceaccounts"]),
            Rule([.. Read, .. Write], ["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets",
                "replicasets/scale", "statefulsets", "statefulsets/scale"]),
            Rule([.. Read, .. Write], ["autoscaling"], ["horizontalpodautoscalers"]),
            Rule([.. Read, .. Write], ["batch"], ["cronjobs", "jobs"]),
            Rule([.. Read, .. Write], ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
            Rule([.. Read, .. Write], ["policy"], ["poddisruptionbudgets"]),
            Rule([.. Read, .. Write], ["coordination.k8s.io"], ["leases"]));
        yield return Role("system:aggregate-to-view", "view",
            Rule(Read, [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "pods/log",
                "pods/status", "replicationcontrollers", "replicationcontrollers/scale", "replicationcontrollers/status", "serviceaccounts",
                "services", "services/status", "bindings", "events", "limitranges", "namespaces", "namespaces/status", "resourcequotas",
                "resourcequotas/status"]),
            Rule(Read, ["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale",
                "statefulsets/status"]),
            Rule(Read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
            Rule(Read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
            Rule(Read, ["discovery.k8s.io"], ["endpointslices"]),
            Rule(Read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
            Rule(Read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]));
    }

    private static IEnumerable<JsonObject> ClusterRoleBindings()
    {
        yield return Binding("cluster-admin", "cluster-admin", "system:masters");
        yield return Binding("system:discovery", "system:discovery", "system:authenticated");
        yield return Binding("system:basic-user", "system:basic-user", "system:authenticated");
        yield return Binding("system:monitoring", "system:monitoring", "system:monitoring");
        yield return Binding("system:public-info-viewer", "system:public-info-viewer", "system:authenticated", "system:unauthenticated");
    }

    private static JsonObject Role(string name, string? aggregateTo, params JsonObject[] rules)
    {
        var role = new JsonObject { ["metadata"] = Metadata(name, aggregateTo), ["rules"] = new JsonArray(rules) };
        return role;
    }

    private static JsonObject Aggregated(string name, string? aggregateTo, string selectorSuffix) => new()
    {
        ["metadata"] = Metadata(name, aggregateTo),
        ["aggregationRule"] = new JsonObject
        {
            ["clusterRoleSelectors"] = new JsonArray(new JsonObject { ["matchLabels"] = new JsonObject { [AggregateLabel + selectorSuffix] = "true" } }),
        },
        ["rules"] = new JsonArray(),
    };

    private static JsonObject Metadata(string name, string? aggregateTo)
    {
        var labels = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" };
        if (aggregateTo is not null)
        {
            labels[AggregateLabel + aggregateTo] = "true";
        }
        return new JsonObject
        {
            ["name"] = name,
            ["labels"] = labels,
            ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
        };
    }

    private static JsonObject Binding(string name, string role, params string[] groups) => new()
    {
        ["metadata"] = Metadata(name, null),
        ["roleRef"] = new JsonObject { ["apiGroup"] = Group, ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray(groups.Select(g => (JsonNode)new JsonObject { ["apiGroup"] = Group, ["kind"] = "Group", ["name"] = g }).ToArray()),
    };

    private static JsonObject Rule(string[] verbs, string[] groups, string[] resources) => new()
    {
        ["apiGroups"] = Strings(groups), ["resources"] = Strings(resources), ["verbs"] = Strings(verbs),
    };

    private static JsonObject NonResource(string[] verbs, string[] urls) => new()
    {
        ["nonResourceURLs"] = Strings(urls), ["verbs"] = Strings(verbs),
    };

    private static JsonArray Strings(string[] values) => new(values.Select(v => (JsonNode)v).ToArray());
}
