using System.Net;
using Dce.KubeSim.Tests.Infrastructure;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Dce.KubeSim.Tests.Client;

[Collection(KubeSimCollection.Name)]
public sealed class ConcurrencyAndWatchTests(KubeSimServer server)
{
    [Fact]
    public async Task An_update_with_a_stale_resource_version_gets_409_conflict()
    {
        using var client = server.Client();
        var ns = await NewNamespace(client, "conflict");
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, ns);
        var stale = created.Metadata.ResourceVersion;

        created.Data["a"] = "2";
        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", ns);
        created.Metadata.ResourceVersion = stale;
        created.Data["a"] = "3";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "settings", ns));

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Contains("\"reason\":\"Conflict\"", error.Response.Content, StringComparison.Ordinal);
        Assert.True(long.Parse(updated.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(stale, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2", (await client.CoreV1.ReadNamespacedConfigMapAsync("settings", ns)).Data["a"]);
    }

    [Fact]
    public async Task Creating_an_existing_object_gets_409_already_exists_and_a_missing_one_404()
    {
        using var client = server.Client();
        var ns = await NewNamespace(client, "exists");
        var map = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "once" } };
        await client.CoreV1.CreateNamespacedConfigMapAsync(map, ns);

        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(map, ns));
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("never", ns));

        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        Assert.Contains("AlreadyExists", duplicate.Response.Content, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
    }

    [Fact]
    public async Task A_watch_from_before_the_compacted_history_gets_410_and_a_relist_recovers_every_object()
    {
        using var client = server.Client();
        var ns = await NewNamespace(client, "gone");
        for (var i = 0; i < 5; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"item-{i}" } }, ns);
        }
        var listed = await client.CoreV1.ListNamespacedConfigMapAsync(ns);
        for (var i = 5; i < 8; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"item-{i}" } }, ns);
        }
        using var admin = server.Http(KubeSimServer.AdminToken);
        (await admin.PostAsync($"/sim/clusters/{KubeSimServer.Cluster}/compact", null)).EnsureSuccessStatusCode();

        var errors = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = client.CoreV1.WatchListNamespacedConfigMap(ns, resourceVersion: listed.Metadata.ResourceVersion,
            onEvent: (_, _) => { }, onError: ex => errors.TrySetResult(ex));
        var failure = await errors.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var relisted = await client.CoreV1.ListNamespacedConfigMapAsync(ns);

        var status = Assert.IsType<KubernetesException>(failure).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"item-{i}"), relisted.Items.Where(c => c.Metadata.Name.StartsWith("item-", StringComparison.Ordinal)).Select(c => c.Metadata.Name).Order());
    }

    [Fact]
    public async Task A_watch_delivers_added_modified_and_deleted_events_in_order()
    {
        using var client = server.Client();
        var ns = await NewNamespace(client, "events");
        var list = await client.CoreV1.ListNamespacedSecretAsync(ns);
        var seen = new List<string>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watcher = client.CoreV1.WatchListNamespacedSecret(ns, resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, onEvent: (type, secret) =>
        {
            if (type == WatchEventType.Bookmark)
            {
                return;
            }
            lock (seen)
            {
                seen.Add($"{type}:{secret.Metadata.Name}");
                if (type == WatchEventType.Deleted)
                {
                    done.TrySetResult();
                }
            }
        });

        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "token" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }, ns);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("{\"metadata\":{\"labels\":{\"rotated\":\"yes\"}}}", V1Patch.PatchType.MergePatch), "token", ns);
        await client.CoreV1.DeleteNamespacedSecretAsync("token", ns);
        await done.Task.WaitAsync(TimeSpan.FromSeconds(60));

        lock (seen)
        {
            Assert.Equal(["Added:token", "Modified:token", "Deleted:token"], seen);
        }
    }

    [Fact]
    public async Task Paging_with_limit_and_continue_returns_every_object_once()
    {
        using var client = server.Client();
        var ns = await NewNamespace(client, "paging");
        for (var i = 0; i < 12; i++)
        {
            await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"page-{i:D2}", Labels = new Dictionary<string, string> { ["tier"] = i % 2 == 0 ? "even" : "odd" } } }, ns);
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.CoreV1.ListNamespacedConfigMapAsync(ns, limit: 5, continueParameter: token, labelSelector: "tier in (even,odd)");
            names.AddRange(page.Items.Select(i => i.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            pages++;
        }
        while (!string.IsNullOrEmpty(token));
        var even = await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "tier=even,!missing");
        var notOdd = await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "tier!=odd", fieldSelector: "metadata.name!=page-00");

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"page-{i:D2}"), names);
        Assert.Equal(6, even.Items.Count);
        Assert.Equal(5, notOdd.Items.Count(i => i.Metadata.Name.StartsWith("page-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_finalizer_keeps_a_deleted_object_until_it_is_removed()
    {
        using var client = server.Client();
        var ns = await NewNamespace(client, "finalizer");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["dce.io/hold"] } }, ns);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("held", ns);
        var terminating = await client.CoreV1.ReadNamespacedConfigMapAsync("held", ns);
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]", V1Patch.PatchType.JsonPatch), "held", ns);

        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("held", ns));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    internal static async Task<string> NewNamespace(IKubernetes client, string prefix)
    {
        var name = Manifests.UniqueNamespace(prefix);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }
}
