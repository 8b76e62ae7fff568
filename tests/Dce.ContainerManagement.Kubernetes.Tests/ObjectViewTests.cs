using System.Text.Json.Nodes;

namespace Dce.ContainerManagement.Kubernetes.Tests;

/// <summary>How objects are read for DCE's answers: what uses a ConfigMap or Secret, a Secret masked, a pod's figures, a log's lines.</summary>
public sealed class ObjectViewTests
{
    [Theory]
    [InlineData("""{"volumes":[{"name":"v","configMap":{"name":"cfg"}}]}""", "cfg", false, true)]
    [InlineData("""{"volumes":[{"name":"v","projected":{"sources":[{"secret":{"name":"key"}}]}}]}""", "key", true, true)]
    [InlineData("""{"volumes":[{"name":"v","secret":{"secretName":"key"}}]}""", "key", true, true)]
    [InlineData("""{"volumes":[{"name":"v","secret":{"secretName":"key"}}]}""", "key", false, false)]
    [InlineData("""{"containers":[{"name":"c","env":[{"name":"E","valueFrom":{"secretKeyRef":{"name":"key","key":"k"}}}]}]}""", "key", true, true)]
    [InlineData("""{"initContainers":[{"name":"c","envFrom":[{"configMapRef":{"name":"cfg"}}]}]}""", "cfg", false, true)]
    [InlineData("""{"imagePullSecrets":[{"name":"pull"}],"containers":[{"name":"c"}]}""", "pull", true, true)]
    [InlineData("""{"containers":[{"name":"c","envFrom":[{"configMapRef":{"name":"other"}}]}]}""", "cfg", false, false)]
    public void A_pod_spec_refers_to_a_config_map_or_secret_only_where_it_names_it(string spec, string name, bool secret, bool refers) =>
        Assert.Equal(refers, RelatedObjects.PodSpecRefers(JsonNode.Parse(spec), name, secret));

    [Fact]
    public void A_masked_secret_keeps_its_keys_and_loses_every_value_and_the_applied_copy()
    {
        var secret = JsonNode.Parse("""
            {"metadata":{"name":"s","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{\"data\":{\"k\":\"dmFsdWU=\"}}","keep":"yes"}},
             "data":{"k":"dmFsdWU="},"stringData":{"p":"plain"}}
            """)!.AsObject();

        var text = SecretMask.Apply(secret, reveal: false).ToJsonString();

        Assert.DoesNotContain("dmFsdWU=", text, StringComparison.Ordinal);
        Assert.DoesNotContain("plain", text, StringComparison.Ordinal);
        Assert.Equal(SecretOperations.Mask, secret["data"]!["k"]!.GetValue<string>());
        Assert.Equal("yes", secret["metadata"]!["annotations"]!["keep"]!.GetValue<string>());
    }

    [Fact]
    public void A_revealed_secret_is_decoded_for_the_object_and_kept_encoded_for_its_json()
    {
        static JsonObject Secret() => JsonNode.Parse("""{"data":{"k":"dmFsdWU="}}""")!.AsObject();

        Assert.Equal("value", SecretMask.Apply(Secret(), reveal: true, decode: true)["data"]!["k"]!.GetValue<string>());
        Assert.Equal("dmFsdWU=", SecretMask.Apply(Secret(), reveal: true)["data"]!["k"]!.GetValue<string>());
    }

    [Fact]
    public void A_pod_of_a_deployment_is_owned_by_the_deployment_with_its_figures_counted()
    {
        var pod = JsonNode.Parse("""
            {"metadata":{"name":"web-7d9f-abcde","labels":{"pod-template-hash":"7d9f"},
               "ownerReferences":[{"kind":"ReplicaSet","name":"web-7d9f","controller":true}]},
             "spec":{"containers":[{"name":"a","resources":{"requests":{"cpu":"250m","memory":"64Mi"}}},{"name":"b","resources":{"limits":{"cpu":"1"}}}]},
             "status":{"phase":"Running","containerStatuses":[
               {"name":"a","ready":true,"restartCount":2,"state":{"running":{}}},
               {"name":"b","ready":false,"restartCount":1,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}}
            """)!.AsObject();

        var status = PodView.Describe(pod)["status"]!;

        Assert.Equal("DEPLOYMENT", status["ownedBy"]!["kind"]!.GetValue<string>());
        Assert.Equal("web", status["ownedBy"]!["name"]!.GetValue<string>());
        Assert.Equal((2, 1, 3), (status["containerTotalCount"]!.GetValue<int>(), status["containerReadyCount"]!.GetValue<int>(), status["restartCount"]!.GetValue<int>()));
        Assert.Equal("CrashLoopBackOff", status["podStatus"]!.GetValue<string>());
        Assert.Equal("FILTER_POD_STATUS_ERROR", status["podFilterStatus"]!.GetValue<string>());
        Assert.Equal((250L, 1000L, 64L * 1024 * 1024), (status["cpuRequest"]!.GetValue<long>(), status["cpuLimit"]!.GetValue<long>(), status["memoryRequest"]!.GetValue<long>()));
        Assert.Equal(["Running", "Waiting"], PodView.Containers(pod).Select(c => c["phase"]!.GetValue<string>()));
    }

    [Fact]
    public void A_log_read_with_timestamps_splits_into_lines_and_their_times()
    {
        var lines = PodLogLines.Parse("2026-01-02T03:04:05.123456789Z first line\n2026-01-02T03:04:06Z second  line\nno time here\n");

        Assert.Equal(["first line", "second  line", "no time here"], lines.Select(l => l.Log));
        Assert.Equal(["2026-01-02T03:04:05.123456789Z", "2026-01-02T03:04:06Z", null], lines.Select(l => l.TimeStamp));
    }
}
