using System.Net;
using System.Text.Json.Nodes;
using Dce.KubeSim.Tests.Client;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.KubeSim.Tests.Apply;

[Collection(KubeSimCollection.Name)]
public sealed class ManagedFieldsClientTests(KubeSimServer server)
{
    [Fact]
    public async Task Create_update_and_patch_each_record_the_fields_their_manager_changed()
    {
        var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "managed");

        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings", Labels = new Dictionary<string, string> { ["app"] = "web" } }, Data = new Dictionary<string, string> { ["mode"] = "production" } },
            ns, fieldManager: "installer");
        var creation = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal(("installer", "Update", "v1", "FieldsV1"), (creation.Manager, creation.Operation, creation.ApiVersion, creation.FieldsType));
        Assert.NotNull(creation.Time);
        Assert.Equal("""{"f:data":{".":{},"f:mode":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""", Fields(creation));

        created.Data["level"] = "debug";
        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", ns, fieldManager: "operator");
        Assert.Equal("""{"f:data":{"f:level":{}}}""", Fields(Entry(updated, "operator")));
        Assert.Equal("""{"f:data":{".":{},"f:mode":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""", Fields(Entry(updated, "installer")));

        var patch = new V1Patch("""{"data":{"mode":"staging"}}""", V1Patch.PatchType.MergePatch);
        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(patch, "settings", ns, fieldManager: "tuner");

        Assert.Equal("""{"f:data":{"f:mode":{}}}""", Fields(Entry(patched, "tuner")));
        Assert.Equal("""{"f:data":{},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""", Fields(Entry(patched, "installer")));
        Assert.Equal(3, patched.Metadata.ManagedFields.Count);
    }

    [Fact]
    public async Task An_apply_over_another_managers_field_is_a_409_with_one_cause_per_field_and_force_takes_it()
    {
        var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "apply-409");
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(replicas: 2, image: "nginx:1.27"), ns, fieldManager: "installer");
        var config = ApplyConfig(replicas: 5, image: "nginx:1.28");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops"));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"installer\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"app\"].image",
            status.Message);
        Assert.Equal(
            [("FieldManagerConflict", ".spec.replicas", "conflict with \"installer\" using apps/v1"),
             ("FieldManagerConflict", ".spec.template.spec.containers[name=\"app\"].image", "conflict with \"installer\" using apps/v1")],
            status.Details.Causes.Select(c => (c.Reason, c.Field, c.Message)).ToArray());

        var forced = await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(config, V1Patch.PatchType.ApplyPatch), "web", ns, fieldManager: "gitops", force: true);

        Assert.Equal(5, forced.Spec.Replicas);
        var applied = Entry(forced, "gitops");
        Assert.Equal("Apply", applied.Operation);
        var container = JsonNode.Parse(Fields(applied))!["f:spec"]!["f:template"]!["f:spec"]!["f:containers"]!["k:{\"name\":\"app\"}"]!;
        Assert.Equal([".", "f:containerPort"], container["f:ports"]!["k:{\"containerPort\":80,\"protocol\":\"TCP\"}"]!.AsObject().Select(p => p.Key).ToArray());
        Assert.DoesNotContain("f:replicas", Fields(Entry(forced, "installer")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_creates_a_missing_object_and_needs_a_field_manager()
    {
        var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "apply-new");
        var config = new V1Patch("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"fresh"},"data":{"a":"b"}}""", V1Patch.PatchType.ApplyPatch);

        var nameless = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.PatchNamespacedConfigMapAsync(config, "fresh", ns));
        var created = await client.CoreV1.PatchNamespacedConfigMapAsync(config, "fresh", ns, fieldManager: "bootstrap");

        Assert.Equal((HttpStatusCode)422, nameless.Response.StatusCode);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
            KubernetesJson.Deserialize<V1Status>(nameless.Response.Content).Message);
        Assert.Equal("b", created.Data["a"]);
        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal(("bootstrap", "Apply"), (entry.Manager, entry.Operation));
        Assert.Equal("""{"f:data":{"f:a":{}}}""", Fields(entry));
    }

    [Fact]
    public async Task Write_options_are_validated_as_the_api_server_validates_them()
    {
        var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "options");
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "dry" }, Data = new Dictionary<string, string> { ["a"] = "b" } };

        var badDryRun = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(map, ns, dryRun: "Everything"));
        var longManager = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(map, ns, fieldManager: new string('m', 129)));
        var badValidation = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(map, ns, fieldValidation: "Loose"));
        var dryRun = await client.CoreV1.CreateNamespacedConfigMapAsync(map, ns, dryRun: "All", fieldManager: "tester");

        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Everything\"}: supported values: \"All\"",
            KubernetesJson.Deserialize<V1Status>(badDryRun.Response.Content).Message);
        Assert.Equal((HttpStatusCode)422, longManager.Response.StatusCode);
        Assert.Contains("fieldManager: Too long", longManager.Response.Content, StringComparison.Ordinal);
        Assert.Equal("CreateOptions.meta.k8s.io \"\" is invalid: fieldValidation: Unsupported value: \"Loose\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"",
            KubernetesJson.Deserialize<V1Status>(badValidation.Response.Content).Message);
        Assert.Equal("tester", Assert.Single(dryRun.Metadata.ManagedFields).Manager);
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("dry", ns));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task Managed_fields_sent_in_an_update_replace_the_stored_ones_and_omitted_ones_are_kept()
    {
        var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "managed-sent");
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns, fieldManager: "installer");

        created.Metadata.ManagedFields = null;
        created.Data["b"] = "2";
        var kept = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", ns, fieldManager: "editor");
        Assert.Equal(["editor", "installer"], kept.Metadata.ManagedFields.Select(e => e.Manager).Order().ToArray());

        kept.Metadata.ManagedFields = [new V1ManagedFieldsEntry { Manager = "adopted", Operation = "Apply", ApiVersion = "v1", FieldsType = "FieldsV1",
            FieldsV1 = JsonNode.Parse("""{"f:data":{"f:a":{},"f:b":{}}}""") }];
        var reset = await client.CoreV1.ReplaceNamespacedConfigMapAsync(kept, "settings", ns, fieldManager: "editor");

        Assert.Equal("adopted", Assert.Single(reset.Metadata.ManagedFields).Manager);
    }

    [Fact]
    public async Task Controllers_write_status_as_their_own_manager_through_the_status_subresource()
    {
        var client = server.Client();
        var ns = await ConcurrencyAndWatchTests.NewNamespace(client, "managed-status");
        await client.AppsV1.CreateNamespacedDeploymentAsync(Deployment(replicas: 1, image: "nginx:1.27"), ns, fieldManager: "installer");

        V1Deployment? rolled = null;
        await Eventually.Until(async () =>
        {
            rolled = await client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
            return rolled.Status?.ReadyReplicas == 1;
        }, "the deployment rolled out");

        var status = rolled!.Metadata.ManagedFields.Single(e => e.Subresource == "status");
        Assert.Equal(("kube-controller-manager", "Update"), (status.Manager, status.Operation));
        var statusFields = JsonNode.Parse(Fields(status))!["f:status"]!.AsObject();
        Assert.False(statusFields.ContainsKey("."));
        Assert.True(statusFields["f:conditions"]!["k:{\"type\":\"Available\"}"]!.AsObject().ContainsKey("."));
        Assert.DoesNotContain("f:status", Fields(Entry(rolled, "installer")), StringComparison.Ordinal);
        Assert.Contains("f:replicas", Fields(Entry(rolled, "installer")), StringComparison.Ordinal);
    }

    private static V1ManagedFieldsEntry Entry(IMetadata<V1ObjectMeta> obj, string manager) =>
        obj.Metadata.ManagedFields.Single(e => e.Manager == manager);

    private static string Fields(V1ManagedFieldsEntry entry) => KubernetesJson.Serialize(entry.FieldsV1);

    private static V1Deployment Deployment(int replicas, string image) => new()
    {
        Metadata = new V1ObjectMeta { Name = "web" },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = image, Ports = [new V1ContainerPort { ContainerPort = 80 }] }] },
            },
        },
    };

    private static string ApplyConfig(int replicas, string image) => $$$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":{{{replicas}}},"selector":{"matchLabels":{"app":"web"}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"{{{image}}}","ports":[{"containerPort":80}]}]} } } }
        """;
}
