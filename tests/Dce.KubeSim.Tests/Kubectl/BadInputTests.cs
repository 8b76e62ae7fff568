using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed class BadInputTests(KubeSimServer server)
{
    [Fact]
    public async Task Malformed_yaml_is_refused_and_nothing_is_stored()
    {
        var kubectl = server.Kubectl();
        var before = server.Sim().Store.ResourceVersion;

        var result = await kubectl.RunWithInputAsync("kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: broken\n data: [oops\n", "apply", "-f", "-");
        var viaHttp = await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "metadata: {name: broken\n  data: ][", "application/yaml");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(HttpStatusCode.BadRequest, viaHttp.Status);
        Assert.Null(server.Sim().Store.Get("/configmaps", "default", "broken"));
        Assert.True(server.Sim().Store.List("/configmaps", null, c => c.ResourceVersion > before && c.Name == "broken").Items.Count == 0);
    }

    [Fact]
    public async Task Malformed_json_gets_400_bad_request()
    {
        var response = await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "{\"metadata\": {\"name\": \"x\"", "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Status", response.Body?["kind"]?.ToString());
        Assert.Equal("BadRequest", response.Body?["reason"]?.ToString());
    }

    [Fact]
    public async Task An_invalid_name_gets_422_with_a_field_cause_and_kubectl_reports_it()
    {
        var response = await Send(HttpMethod.Post, "/api/v1/namespaces/default/configmaps",
            "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"Bad_Name\"}}", "application/json");
        var kubectl = await server.Kubectl().RunWithInputAsync("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Also_Bad\n", "apply", "-f", "-");

        Assert.Equal((HttpStatusCode)422, response.Status);
        Assert.Equal("Invalid", response.Body?["reason"]?.ToString());
        Assert.Equal("metadata.name", response.Body?["details"]?["causes"]?[0]?["field"]?.ToString());
        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("is invalid", kubectl.Error, StringComparison.Ordinal);
        Assert.Null(server.Sim().Store.Get("/configmaps", "default", "Bad_Name"));
        Assert.Null(server.Sim().Store.Get("/configmaps", "default", "Also_Bad"));
    }

    [Fact]
    public async Task An_unknown_kind_is_refused()
    {
        var kubectl = await server.Kubectl().RunWithInputAsync("apiVersion: example.dce.io/v1\nkind: Gadget\nmetadata:\n  name: g\n", "apply", "-f", "-");
        var http = await Send(HttpMethod.Post, "/apis/example.dce.io/v1/namespaces/default/gadgets", "{\"metadata\":{\"name\":\"g\"}}", "application/json");

        Assert.NotEqual(0, kubectl.ExitCode);
        Assert.Contains("no matches for kind \"Gadget\"", kubectl.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, http.Status);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_gets_400_and_an_unknown_field_is_refused_under_strict_validation()
    {
        var ns = Manifests.UniqueNamespace("types");
        await server.Kubectl().OkAsync("create", "namespace", ns);
        var wrongType = Manifests.WebApp(ns, replicas: 1).Replace("replicas: 1", "replicas: \"three\"", StringComparison.Ordinal);
        var unknownField = Manifests.WebApp(ns, replicas: 1).Replace("  replicas: 1", "  replicas: 1\n  flavour: spicy", StringComparison.Ordinal);

        var typeResult = await server.Kubectl().RunWithInputAsync(wrongType, "apply", "-f", "-");
        var fieldResult = await server.Kubectl().RunWithInputAsync(unknownField, "apply", "-f", "-");
        var http = await Send(HttpMethod.Post, $"/apis/apps/v1/namespaces/{ns}/deployments",
            "{\"metadata\":{\"name\":\"typed\"},\"spec\":{\"replicas\":\"two\"}}", "application/json");

        Assert.NotEqual(0, typeResult.ExitCode);
        Assert.NotEqual(0, fieldResult.ExitCode);
        Assert.Contains("flavour", fieldResult.Error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, http.Status);
        Assert.Null(server.Sim().Store.Get("apps/deployments", ns, "web"));
        Assert.Null(server.Sim().Store.Get("apps/deployments", ns, "typed"));
    }

    [Fact]
    public async Task A_deployment_whose_selector_does_not_match_its_template_is_invalid()
    {
        var ns = Manifests.UniqueNamespace("selector");
        await server.Kubectl().OkAsync("create", "namespace", ns);
        var mismatched = Manifests.WebApp(ns, replicas: 1).Replace("      app: web\n  template", "      app: other\n  template", StringComparison.Ordinal);

        var result = await server.Kubectl().RunWithInputAsync(mismatched, "apply", "-f", "-");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("selector", result.Error, StringComparison.Ordinal);
        Assert.Null(server.Sim().Store.Get("apps/deployments", ns, "web"));
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> Send(HttpMethod method, string path, string body, string contentType)
    {
        using var http = server.Http(server.Sim().Token);
        using var request = new HttpRequestMessage(method, $"/clusters/{KubeSimServer.Cluster}{path}")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }
}
