using System.Text.Json.Nodes;
using Dce.KubeSim.Patching;

namespace Dce.KubeSim.Tests.Machinery;

public sealed class PatchTests
{
    private static JsonObject Deployment() => JsonNode.Parse("""
        {"spec":{"template":{"spec":{"containers":[
          {"name":"web","image":"nginx:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"ports":[{"containerPort":80}]},
          {"name":"sidecar","image":"envoy:1"}]}}}}
        """)!.AsObject();

    [Fact]
    public void Strategic_merge_merges_containers_by_name_and_keeps_the_others()
    {
        var patch = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"web"},{"name":"sidecar"}],
              "containers":[{"name":"web","image":"nginx:2"}]}}}}
            """);

        var result = StrategicMergePatch.Apply(Deployment(), patch);

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("nginx:2", containers[0]!["image"]!.ToString());
        Assert.Equal(2, containers[0]!["env"]!.AsArray().Count);
        Assert.Equal("envoy:1", containers[1]!["image"]!.ToString());
        Assert.Null(result["spec"]!["template"]!["spec"]!["$setElementOrder/containers"]);
    }

    [Fact]
    public void Strategic_merge_deletes_list_items_and_keys()
    {
        var patch = JsonNode.Parse("""
            {"spec":{"template":{"spec":{"containers":[
              {"name":"web","env":[{"name":"A","$patch":"delete"}],"ports":null},
              {"name":"sidecar","$patch":"delete"}]}}}}
            """);

        var result = StrategicMergePatch.Apply(Deployment(), patch);

        var containers = result["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        var web = Assert.Single(containers)!;
        Assert.Equal("B", Assert.Single(web["env"]!.AsArray())!["name"]!.ToString());
        Assert.False(web.AsObject().ContainsKey("ports"));
    }

    [Fact]
    public void Json_patch_and_merge_patch_follow_their_rfcs()
    {
        var target = JsonNode.Parse("""{"a":{"b":1,"c":[1,2]},"d":"x"}""")!;

        var patched = JsonPatch.Apply(target, JsonNode.Parse("""[{"op":"add","path":"/a/c/-","value":3},{"op":"replace","path":"/d","value":"y"},{"op":"remove","path":"/a/b"}]"""));
        var merged = MergePatch.Apply(JsonNode.Parse("""{"a":{"b":1,"c":2},"d":"x"}"""), JsonNode.Parse("""{"a":{"b":null,"e":5},"d":"z"}"""));

        Assert.Equal("""{"a":{"c":[1,2,3]},"d":"y"}""", patched.ToJsonString());
        Assert.Equal("""{"a":{"c":2,"e":5},"d":"z"}""", merged!.ToJsonString());
    }
}
