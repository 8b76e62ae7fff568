using System.Net;
using System.Net.Http.Json;
using Dce.Testing;
using k8s;
using static Dce.Testing.Contract.ContractWalk;
using Dce.Testing.Contract;

namespace Dce.ContainerManagement.Tests.Contract.Walks;

/// <summary>A claim's labels and annotations replaced, and the claim expanded on a storage class that allows it once it is bound.</summary>
internal sealed class ClaimsWalk : IContractWalkStep
{
    public int Order => 15;

    public async Task RunAsync(ContractWalk walk, WalkTarget target)
    {
        var claims = $"{target.NamespacePath}/persistentvolumeclaims";
        await walk.CallAsync(HttpMethod.Post, $"{target.ClusterPath}/storageclasses", Data("""
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: walk-expandable}
            provisioner: rancher.io/local-path
            allowVolumeExpansion: true
            volumeBindingMode: Immediate
            """), outsiderToo: false);
        await walk.CallAsync(HttpMethod.Post, claims, Data("""
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: grows}
            spec:
              storageClassName: walk-expandable
              accessModes: [ReadWriteOnce]
              resources: {requests: {storage: 1Gi}}
            """), outsiderToo: false);
        using var kube = target.Fixture.Kube();
        await Eventually.Until(async () => (await kube.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("grows", target.Namespace)).Status?.Phase == "Bound",
            "the walk's claim Bound");

        await walk.CallAsync(HttpMethod.Put, $"{claims}/grows/labels", new { labels = new Dictionary<string, string> { ["tier"] = "data" } });
        await walk.CallAsync(HttpMethod.Put, $"{claims}/grows/annotations", new { annotations = new Dictionary<string, string> { ["team"] = "storage" } });
        var expanded = await walk.CallAsync(HttpMethod.Post, $"{claims}/grows:scale", new { capacity = "2Gi" });
        Assert.Equal("2Gi", expanded?["capacity"]?.GetValue<string>());
        var claim = await kube.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("grows", target.Namespace);
        Assert.Equal("data", claim.Metadata.Labels["tier"]);
        Assert.Equal("storage", claim.Metadata.Annotations["team"]);
        using var admin = target.Fixture.Platform.AdminClient();
        using var badSize = await admin.PostAsJsonAsync($"{claims}/grows:scale", new { capacity = "lots" });
        using var badLabel = await admin.PutAsJsonAsync($"{claims}/grows/labels", new { labels = new Dictionary<string, string> { ["tier"] = "not valid!" } });
        Assert.Equal(HttpStatusCode.BadRequest, badSize.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Equal("data", (await kube.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("grows", target.Namespace)).Metadata.Labels["tier"]);

        // The labels given replace the claim's labels: one no longer given is gone.
        using var replaced = await admin.PutAsJsonAsync($"{claims}/grows/labels", new { labels = new Dictionary<string, string> { ["zone"] = "a" } });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var relabelled = (await kube.CoreV1.ReadNamespacedPersistentVolumeClaimAsync("grows", target.Namespace)).Metadata.Labels;
        Assert.Equal(new Dictionary<string, string> { ["zone"] = "a" }, relabelled);
        await walk.DeleteAsync($"{claims}/grows");
    }
}
