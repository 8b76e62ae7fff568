using System.Text.Json.Nodes;
using Dce.Multicloud.Engine.Crds;
using Dce.Multicloud.Engine.Tests.Model;

namespace Dce.Multicloud.Engine.Tests.Crds;

public sealed class KarmadaCrdsTests
{
    private static readonly IReadOnlyList<JsonNode> Definitions = KarmadaCrds.All.Select(YamlToJson.Convert).ToList();

    [Fact]
    public void Each_definition_carries_the_name_listed_for_it()
    {
        Assert.Equal(KarmadaCrds.Names, Definitions.Select(d => (string?)d["metadata"]!["name"]));
        Assert.All(Definitions, d => Assert.Equal(
            $"{d["spec"]!["names"]!["plural"]}.{d["spec"]!["group"]}", (string?)d["metadata"]!["name"]));
    }

    [Fact]
    public void Each_definition_stores_one_served_version_with_a_status_subresource_and_open_spec_and_status()
    {
        foreach (var definition in Definitions)
        {
            var version = Assert.Single(definition["spec"]!["versions"]!.AsArray())!;
            Assert.True((bool)version["served"]!);
            Assert.True((bool)version["storage"]!);
            Assert.NotNull(version["subresources"]!["status"]);
            var properties = version["schema"]!["openAPIV3Schema"]!["properties"]!;
            Assert.All(new[] { "spec", "status" }, part => Assert.True((bool)properties[part]!["x-kubernetes-preserve-unknown-fields"]!));
        }
    }

    [Theory]
    [InlineData("propagationpolicies.policy.karmada.io", "v1alpha1", "Namespaced", "pp")]
    [InlineData("clusterpropagationpolicies.policy.karmada.io", "v1alpha1", "Cluster", "cpp")]
    [InlineData("overridepolicies.policy.karmada.io", "v1alpha1", "Namespaced", "op")]
    [InlineData("clusteroverridepolicies.policy.karmada.io", "v1alpha1", "Cluster", "cop")]
    [InlineData("resourcebindings.work.karmada.io", "v1alpha2", "Namespaced", "rb")]
    [InlineData("clusterresourcebindings.work.karmada.io", "v1alpha2", "Cluster", "crb")]
    [InlineData("works.work.karmada.io", "v1alpha1", "Namespaced", "work")]
    public void A_definition_has_Karmadas_version_scope_and_short_name(string name, string version, string scope, string shortName)
    {
        var spec = Definition(name)["spec"]!;

        Assert.Equal(version, (string?)spec["versions"]![0]!["name"]);
        Assert.Equal(scope, (string?)spec["scope"]);
        Assert.Contains(shortName, spec["names"]!["shortNames"]!.AsArray().Select(s => (string?)s));
    }

    [Theory]
    [InlineData("resourcebindings.work.karmada.io", "SCHEDULED,FULLYAPPLIED,AGE")]
    [InlineData("clusterresourcebindings.work.karmada.io", "SCHEDULED,FULLYAPPLIED,AGE")]
    [InlineData("works.work.karmada.io", "WORKLOAD-KIND,APPLIED,AGE")]
    [InlineData("clusters.cluster.karmada.io", "VERSION,MODE,READY,AGE")]
    public void A_definition_prints_Karmadas_columns(string name, string columns)
    {
        var printed = Definition(name)["spec"]!["versions"]![0]!["additionalPrinterColumns"]!.AsArray();

        Assert.Equal(columns, string.Join(',', printed.Select(c => (string?)c!["name"])));
        Assert.Equal("date", (string?)printed[^1]!["type"]);
    }

    private static JsonNode Definition(string name) => Definitions[KarmadaCrds.Names.ToList().IndexOf(name)];
}
