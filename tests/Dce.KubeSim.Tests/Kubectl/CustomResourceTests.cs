using Dce.KubeSim.Tests.Infrastructure;
using k8s;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed class CustomResourceTests(KubeSimServer server)
{
    private const string Definition = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.example.dce.io
        spec:
          group: example.dce.io
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            shortNames: [wg]
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      size: {type: integer}
                      color: {type: string}
        """;

    [Fact]
    public async Task A_custom_resource_round_trips_after_its_definition_is_created()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("crd");
        await kubectl.OkAsync("create", "namespace", ns);
        await kubectl.ApplyAsync(Definition);
        var widget = $"""
            apiVersion: example.dce.io/v1
            kind: Widget
            metadata:
              name: blue
              namespace: {ns}
            spec:
              size: 3
              color: blue
            """;

        await kubectl.ApplyAsync(widget);
        await kubectl.ApplyAsync(widget.Replace("size: 3", "size: 5", StringComparison.Ordinal));

        Assert.Equal("5 blue", await kubectl.OkAsync("-n", ns, "get", "wg", "blue", "-o", "jsonpath={.spec.size} {.spec.color}"));
        var resources = await kubectl.OkAsync("api-resources", "--api-group=example.dce.io");
        Assert.Contains("widgets", resources, StringComparison.Ordinal);
        using var client = server.Client();
        var listed = await client.CustomObjects.ListNamespacedCustomObjectAsync("example.dce.io", "v1", ns, "widgets");
        Assert.Contains("\"blue\"", System.Text.Json.JsonSerializer.Serialize(listed), StringComparison.Ordinal);
        await kubectl.OkAsync("-n", ns, "delete", "widget", "blue");
        Assert.Contains("NotFound", (await kubectl.RunAsync("-n", ns, "get", "widget", "blue")).Error, StringComparison.Ordinal);
    }
}
