using System.Text.Json.Nodes;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Apply;

[Collection(KubeSimCollection.Name)]
public sealed class ServerSideApplyKubectlTests(KubeSimServer server)
{
    [Fact]
    public async Task A_second_manager_changing_an_image_conflicts_until_it_forces_and_then_owns_the_field()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-conflict");
        await ApplyAsync(kubectl, "team-a", Deployment(ns, image: "nginx:1.27"));

        var refused = await kubectl.RunWithInputAsync(Deployment(ns, image: "nginx:1.28"), "apply", "--server-side", "--field-manager=team-b", "-f", "-");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"team-a\": .spec.template.spec.containers[name=\"app\"].image", refused.Error, StringComparison.Ordinal);
        Assert.Equal("nginx:1.27", await Image(kubectl, ns));

        await ApplyAsync(kubectl, "team-b", Deployment(ns, image: "nginx:1.28"), "--force-conflicts");

        Assert.Equal("nginx:1.28", await Image(kubectl, ns));
        var managers = await ManagedFields(kubectl, ns, "deployment", "web");
        var imagePath = new[] { "f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"app\"}", "f:image" };
        Assert.NotNull(Walk(managers["team-b"], imagePath));
        Assert.Null(Walk(managers["team-a"], imagePath));
        Assert.NotNull(Walk(managers["team-a"], ["f:spec", "f:replicas"]));
        Assert.NotNull(Walk(managers["team-b"], ["f:spec", "f:replicas"]));
    }

    [Fact]
    public async Task Fields_dropped_from_the_applied_file_are_removed_unless_another_manager_owns_them()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-prune");
        await ApplyAsync(kubectl, "team-a", Deployment(ns, replicas: 3, extraLabel: true, env: true));
        await ApplyAsync(kubectl, "scaler", $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: {ns}
            spec:
              replicas: 3
            """);

        await ApplyAsync(kubectl, "team-a", Deployment(ns, replicas: null));

        var deployment = await Get(kubectl, ns, "deployment", "web");
        Assert.Null(deployment["metadata"]!["labels"]?["tier"]);
        Assert.Null(deployment.At("spec.template.spec.containers")!.AsArray()[0]!["env"]);
        Assert.Equal(3, deployment.At("spec.replicas")!.GetValue<int>());
        Assert.Equal("web", deployment["metadata"]!["labels"]!["app"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_dry_run_of_apply_create_scale_and_delete_changes_nothing()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-dry");
        await ApplyAsync(kubectl, "team-a", Deployment(ns, replicas: 2, image: "nginx:1.27"));
        var before = await Get(kubectl, ns, "deployment", "web");

        var applied = await kubectl.RunWithInputAsync(Deployment(ns, replicas: 2, image: "nginx:1.29"), "apply", "--server-side", "--field-manager=team-a", "--dry-run=server", "-f", "-");
        var scaled = await kubectl.RunAsync("-n", ns, "scale", "deployment/web", "--replicas=7", "--dry-run=server");
        var created = await kubectl.RunAsync("-n", ns, "create", "configmap", "never", "--from-literal=a=b", "--dry-run=server");
        var deleted = await kubectl.RunAsync("-n", ns, "delete", "deployment", "web", "--dry-run=server");

        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.Contains("(server dry run)", applied.Output, StringComparison.Ordinal);
        Assert.True(scaled.ExitCode == 0, scaled.Error);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        var after = await Get(kubectl, ns, "deployment", "web");
        Assert.Equal("nginx:1.27", await Image(kubectl, ns));
        Assert.Equal(2, after.At("spec.replicas")!.GetValue<int>());
        Assert.Equal(before.At("metadata.generation")!.GetValue<long>(), after.At("metadata.generation")!.GetValue<long>());
        var missing = await kubectl.RunAsync("-n", ns, "get", "configmap", "never");
        Assert.NotEqual(0, missing.ExitCode);
    }

    [Fact]
    public async Task Get_hides_managed_fields_unless_asked_and_client_side_apply_records_its_manager()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-show");
        await kubectl.ApplyAsync(Deployment(ns));

        var hidden = await kubectl.OkAsync("-n", ns, "get", "deployment", "web", "-o", "yaml");
        var shown = await kubectl.OkAsync("-n", ns, "get", "deployment", "web", "-o", "yaml", "--show-managed-fields");
        var table = await kubectl.OkAsync("-n", ns, "get", "deployment", "web");

        Assert.DoesNotContain("managedFields", hidden, StringComparison.Ordinal);
        Assert.Contains("manager: kubectl-client-side-apply", shown, StringComparison.Ordinal);
        Assert.Contains("operation: Update", shown, StringComparison.Ordinal);
        Assert.Contains("fieldsType: FieldsV1", shown, StringComparison.Ordinal);
        Assert.Contains("k:{\"name\":\"app\"}", shown, StringComparison.Ordinal);
        Assert.Contains("web", table, StringComparison.Ordinal);

        var conflict = await kubectl.RunWithInputAsync(Deployment(ns, replicas: 5), "apply", "--server-side", "--field-manager=deployer", "-f", "-");
        Assert.Equal(1, conflict.ExitCode);
        Assert.Contains("conflict with \"kubectl-client-side-apply\" using apps/v1: .spec.replicas", conflict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Switching_from_client_side_to_server_side_apply_hands_the_fields_to_kubectl()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-upgrade");
        await kubectl.ApplyAsync(Deployment(ns));

        var upgraded = await kubectl.RunWithInputAsync(Deployment(ns, replicas: 4), "apply", "--server-side", "-f", "-");

        Assert.True(upgraded.ExitCode == 0, upgraded.Error);
        var managers = await ManagedFields(kubectl, ns, "deployment", "web");
        Assert.NotNull(Walk(managers["kubectl"], ["f:spec", "f:replicas"]));
        Assert.False(managers.ContainsKey("kubectl-client-side-apply") && Walk(managers["kubectl-client-side-apply"], ["f:spec", "f:replicas"]) is not null);
        Assert.Equal(4, (await Get(kubectl, ns, "deployment", "web")).At("spec.replicas")!.GetValue<int>());
    }

    [Fact]
    public async Task Diff_client_and_server_side_shows_the_change_without_managed_fields_and_changes_nothing()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-diff");
        await kubectl.ApplyAsync(Deployment(ns));

        var clientSide = await kubectl.RunWithInputAsync(Deployment(ns, image: "nginx:1.29"), "diff", "-f", "-");
        var serverSide = await kubectl.RunWithInputAsync(Deployment(ns, image: "nginx:1.29"), "diff", "--server-side", "-f", "-");

        foreach (var diff in new[] { clientSide, serverSide })
        {
            Assert.True(diff.ExitCode == 1, diff.Error);
            var lines = diff.Output.Split('\n');
            Assert.Contains(lines, l => l.StartsWith('-') && l.EndsWith("image: nginx:1.27", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith('+') && l.EndsWith("image: nginx:1.29", StringComparison.Ordinal));
            Assert.DoesNotContain("managedFields", diff.Output, StringComparison.Ordinal);
        }
        Assert.Equal("nginx:1.27", await Image(kubectl, ns));
    }

    [Fact]
    public async Task Unknown_fields_warn_by_default_and_fail_under_strict_validation()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-validate");
        var manifest = $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace: {ns}
            data:
              a: b
            colour: blue
            """;

        var strict = await kubectl.RunWithInputAsync(manifest, "apply", "-f", "-");
        var warned = await kubectl.RunWithInputAsync(manifest, "apply", "--validate=warn", "-f", "-");

        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains("unknown field \"colour\"", strict.Error, StringComparison.Ordinal);
        Assert.True(warned.ExitCode == 0, warned.Error);
        Assert.Contains("Warning: unknown field \"colour\"", warned.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pretty_indents_the_response_and_unknown_parameters_are_ignored()
    {
        var kubectl = server.Kubectl();
        var ns = await NewNamespace(kubectl, "ssa-pretty");
        await kubectl.OkAsync("-n", ns, "create", "configmap", "settings", "--from-literal=a=b");
        var path = $"/api/v1/namespaces/{ns}/configmaps/settings";
        var prefix = (await kubectl.OkAsync("config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}")).TrimEnd('/');
        var basePath = new Uri(prefix).AbsolutePath.TrimEnd('/');

        var pretty = await kubectl.OkAsync("get", "--raw", $"{basePath}{path}?pretty=true&sparkles=on");
        var compact = await kubectl.OkAsync("get", "--raw", $"{basePath}{path}?pretty=false");

        Assert.Contains("\n  \"kind\": \"ConfigMap\"", pretty, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", compact.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"ConfigMap\"", compact, StringComparison.Ordinal);
    }

    internal static string Deployment(string ns, int? replicas = 2, string image = "nginx:1.27", bool extraLabel = false, bool env = false) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: {ns}
          labels:
            app: web
        {(extraLabel ? "    tier: frontend" : "")}
        spec:
        {(replicas is { } count ? $"  replicas: {count}" : "")}
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: app
                image: {image}
                ports:
                - containerPort: 80
        {(env ? "        env:\n        - name: MODE\n          value: production" : "")}
        """;

    private static async Task<string> NewNamespace(Dce.Testing.Kubectl kubectl, string prefix)
    {
        var ns = Manifests.UniqueNamespace(prefix);
        await kubectl.OkAsync("create", "namespace", ns);
        return ns;
    }

    private static async Task ApplyAsync(Dce.Testing.Kubectl kubectl, string manager, string manifest, params string[] extra)
    {
        var result = await kubectl.RunWithInputAsync(manifest, ["apply", "--server-side", $"--field-manager={manager}", .. extra, "-f", "-"]);
        Assert.True(result.ExitCode == 0, $"apply as {manager} failed: {result.Error}");
    }

    private static async Task<string> Image(Dce.Testing.Kubectl kubectl, string ns) =>
        await kubectl.OkAsync("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}");

    private static async Task<JsonObject> Get(Dce.Testing.Kubectl kubectl, string ns, string kind, string name) =>
        JsonNode.Parse(await kubectl.OkAsync("-n", ns, "get", kind, name, "-o", "json", "--show-managed-fields"))!.AsObject();

    private static async Task<Dictionary<string, JsonObject>> ManagedFields(Dce.Testing.Kubectl kubectl, string ns, string kind, string name)
    {
        var obj = await Get(kubectl, ns, kind, name);
        return obj.At("metadata.managedFields")!.AsArray().OfType<JsonObject>().Where(e => e["subresource"] is null)
            .ToDictionary(e => e["manager"]!.GetValue<string>(), e => e["fieldsV1"]!.AsObject());
    }

    private static JsonNode? Walk(JsonObject fields, string[] path)
    {
        JsonNode? node = fields;
        foreach (var element in path)
        {
            node = node?[element];
        }
        return node;
    }
}
