using System.Text.Json.Nodes;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Authorization;

/// <summary>SubjectAccessReview and LocalSubjectAccessReview answer for any user, with the RBAC authorizer's reason.</summary>
[Collection(KubeSimCollection.Name)]
public sealed class AccessReviewTests(KubeSimServer server)
{
    [Fact]
    public async Task Subject_access_reviews_answer_for_another_user_and_name_the_binding()
    {
        var admin = server.Kubectl();
        var ns = Manifests.UniqueNamespace("sar");
        await admin.OkAsync("create", "namespace", ns);
        await admin.OkAsync("-n", ns, "create", "serviceaccount", "ci");
        await admin.OkAsync("-n", ns, "create", "rolebinding", "ci-edit", "--clusterrole=edit", $"--serviceaccount={ns}:ci");

        var allowed = await admin.RunWithInputAsync(Review("SubjectAccessReview", "", $"system:serviceaccount:{ns}:ci", ns, "create", "apps", "deployments"),
            "create", "-f", "-", "-o", "jsonpath={.status.allowed} {.status.reason}");
        Assert.Equal($"true RBAC: allowed by RoleBinding \"ci-edit/{ns}\" of ClusterRole \"edit\" to ServiceAccount \"ci/{ns}\"", allowed.Output);

        var denied = await admin.RunWithInputAsync(Review("LocalSubjectAccessReview", ns, $"system:serviceaccount:{ns}:ci", ns, "create", "rbac.authorization.k8s.io", "roles"),
            "create", "-f", "-", "-o", "jsonpath={.status.allowed}");
        Assert.Equal("false", denied.Output);

        var resources = await admin.OkAsync("api-resources", "--api-group=authorization.k8s.io", "-o", "name");
        Assert.Contains("subjectaccessreviews.authorization.k8s.io", resources, StringComparison.Ordinal);
        Assert.Contains("selfsubjectrulesreviews.authorization.k8s.io", resources, StringComparison.Ordinal);
        Assert.NotEqual(0, (await admin.RunAsync("get", "subjectaccessreviews")).ExitCode);
    }

    private static string Review(string kind, string reviewNamespace, string user, string ns, string verb, string group, string resource)
    {
        var metadata = new JsonObject();
        if (reviewNamespace.Length > 0)
        {
            metadata["namespace"] = reviewNamespace;
        }
        return new JsonObject
        {
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["kind"] = kind,
            ["metadata"] = metadata,
            ["spec"] = new JsonObject
            {
                ["user"] = user,
                ["groups"] = new JsonArray("system:serviceaccounts"),
                ["resourceAttributes"] = new JsonObject { ["namespace"] = ns, ["verb"] = verb, ["group"] = group, ["resource"] = resource },
            },
        }.ToJsonString();
    }
}
