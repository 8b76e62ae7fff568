using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>
/// What the gvr endpoints refuse: Kubernetes' own groups and the kinds with endpoints of their own, resources the
/// cluster does not serve, a resource at the path of the other scope, an object naming another namespace; and what a
/// namespace's <c>customresources</c> right does not reach (the cluster-wide list, cluster-scoped resources), while a
/// workload right alone reaches nothing.
/// </summary>
internal static class CustomResourceRefusals
{
    public static async Task CheckAsync(WalkTarget target, string group, string namespacedCollection, string clusterCollection)
    {
        var platform = target.Fixture.Platform;
        var gvr = $"{target.ClusterPath}/gvr";
        using var admin = platform.AdminClient();
        await ExpectAsync(admin.GetAsync($"{gvr}/apps/v1/namespaces/{target.Namespace}/deployments"), HttpStatusCode.BadRequest, "\"group\"");
        await ExpectAsync(admin.GetAsync($"{gvr}/core/v1/namespaces/{target.Namespace}/secrets"), HttpStatusCode.BadRequest, "\"group\"");
        await ExpectAsync(admin.GetAsync($"{gvr}/rbac.authorization.k8s.io/v1/clusterroles"), HttpStatusCode.BadRequest, "\"group\"");
        await ExpectAsync(admin.GetAsync($"{gvr}/snapshot.storage.k8s.io/v1/namespaces/{target.Namespace}/volumesnapshots"), HttpStatusCode.BadRequest, "volumesnapshots");
        await ExpectAsync(admin.GetAsync($"{gvr}/{group}/v1/namespaces/{target.Namespace}/nothings"), HttpStatusCode.NotFound, "nothings");
        await ExpectAsync(admin.GetAsync($"{gvr}/{group}/v1/namespaces/{target.Namespace}/realms"), HttpStatusCode.BadRequest, "cluster-scoped");
        await ExpectAsync(admin.GetAsync($"{gvr}/{group}/v1/gadgets/some"), HttpStatusCode.BadRequest, "lives in a namespace");
        await ExpectAsync(admin.PostAsJsonAsync(namespacedCollection, Body("Gadget", "elsewhere", "kube-system")), HttpStatusCode.BadRequest, "data.metadata.namespace");
        await ExpectAsync(admin.PostAsJsonAsync(namespacedCollection, Body("Realm", "wrong-kind", null)), HttpStatusCode.BadRequest, "data.kind");
        await ExpectAsync(admin.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{namespacedCollection}/blue")
        {
            Content = JsonContent.Create(new { patchType = "PATCH_TYPE_STRATEGIC", data = "{}" }),
        }), HttpStatusCode.BadRequest, "patchType");

        var holding = await PlatformAccess.WorkspaceHoldingAsync(platform, target.Cluster, target.Namespace);
        using (var nsAdmin = await PlatformAccess.MemberAsync(platform, holding, ("customresources", "create"), ("customresources", "get"), ("customresources", "list"),
            ("customresources", "delete")))
        {
            await ExpectAsync(nsAdmin.PostAsJsonAsync(namespacedCollection, Body("Gadget", "own", null)), HttpStatusCode.OK, "data");
            await ExpectAsync(nsAdmin.GetAsync($"{namespacedCollection}/own"), HttpStatusCode.OK, "\"own\"");
            await ExpectAsync(nsAdmin.GetAsync($"{gvr}/{group}/v1/gadgets"), HttpStatusCode.Forbidden, "");
            await ExpectAsync(nsAdmin.PostAsJsonAsync(clusterCollection, Body("Realm", "taken-over", null)), HttpStatusCode.Forbidden, "");
            await ExpectAsync(nsAdmin.DeleteAsync($"{namespacedCollection}/own"), HttpStatusCode.OK, "");
        }

        using var editor = await PlatformAccess.MemberAsync(platform, holding, ("workloads", "create"), ("workloads", "list"), ("configmaps", "create"));
        await ExpectAsync(editor.GetAsync(namespacedCollection), HttpStatusCode.Forbidden, "");
        await ExpectAsync(editor.PostAsJsonAsync(namespacedCollection, Body("Gadget", "sneaky", null)), HttpStatusCode.Forbidden, "");
    }

    private static object Body(string kind, string name, string? ns)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return ContractWalk.Data(new JsonObject { ["apiVersion"] = "crwalk.dce.io/v1", ["kind"] = kind, ["metadata"] = metadata }.ToJsonString());
    }

    private static async Task ExpectAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string mentioning)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status && text.Contains(mentioning, StringComparison.Ordinal),
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status} mentioning {mentioning}, got {(int)response.StatusCode} {text}");
    }
}
