namespace Dce.AppHost.Tests.Publishing;

/// <summary>Only the local graph lets modules reach its simulated clusters on loopback; a deployment keeps loopback refused.</summary>
[Trait("Category", "Security")]
public sealed class OutboundAllowanceTests
{
    [Fact]
    public void Published_manifests_allow_no_extra_cluster_networks()
    {
        var files = ManifestFiles.Read(Repository.Manifests);

        Assert.NotEmpty(files);
        Assert.DoesNotContain(files, file => file.Value.Contains("Clusters__Outbound", StringComparison.Ordinal));
    }
}
