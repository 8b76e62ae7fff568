using Dce.Kubernetes.Errors;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Tests;

[Collection(ClusterCollection.Name)]
public sealed class NamespaceTests(ClusterFixture fixture)
{
    private IKubernetes Client => fixture.C1;

    [Fact]
    public async Task Namespace_is_created_with_labels_listed_read_and_deleted()
    {
        var name = $"ns-{Guid.NewGuid():N}"[..16];

        await NamespaceOperations.CreateAsync(Client, name, new Dictionary<string, string> { ["team"] = "payments" });

        var listed = Assert.Single(await NamespaceOperations.ListAsync(Client), n => n.Name == name);
        Assert.Equal("Active", listed.Phase);
        Assert.Equal("payments", listed.Labels["team"]);
        Assert.Equal(listed, await NamespaceOperations.GetAsync(Client, name) with { Labels = listed.Labels });
        Assert.Equal("payments", (await NamespaceOperations.GetAsync(Client, name)).Labels["team"]);
        await NamespaceOperations.DeleteAsync(Client, name);
        await Dce.Testing.Eventually.Until(async () =>
            (await NamespaceOperations.ListAsync(Client)).All(n => n.Name != name), "namespace gone");
    }

    [Fact]
    public async Task Duplicate_namespace_is_described_as_409()
    {
        var ns = await fixture.NamespaceAsync(Client);

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => NamespaceOperations.CreateAsync(Client, ns));

        var failure = KubernetesErrors.Describe(error, "c1");
        Assert.Equal(409, failure.StatusCode);
        Assert.Contains("already exists", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quota_and_limit_range_are_set_then_replaced()
    {
        var ns = await fixture.NamespaceAsync(Client);
        Assert.Null(await NamespaceOperations.GetQuotaAsync(Client, ns));

        await NamespaceOperations.SetQuotaAsync(Client, ns, new Dictionary<string, string> { ["pods"] = "2", ["requests.cpu"] = "1" });
        await NamespaceOperations.SetQuotaAsync(Client, ns, new Dictionary<string, string> { ["pods"] = "3" });
        await NamespaceOperations.SetLimitRangeAsync(Client, ns,
            [new V1LimitRangeItem { Type = "Container", DefaultProperty = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m") } }]);

        var quota = await NamespaceOperations.GetQuotaAsync(Client, ns);
        Assert.Equal(NamespaceOperations.QuotaName, quota!.Metadata.Name);
        Assert.Equal("3", Assert.Single(quota.Spec.Hard).Value.ToString());
        var limits = await NamespaceOperations.GetLimitRangeAsync(Client, ns);
        Assert.Equal("500m", limits!.Spec.Limits[0].DefaultProperty["cpu"].ToString());
    }
}
