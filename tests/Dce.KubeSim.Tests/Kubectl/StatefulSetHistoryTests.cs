using Dce.KubeSim.Tests.Infrastructure;

namespace Dce.KubeSim.Tests.Kubectl;

[Collection(KubeSimCollection.Name)]
public sealed class StatefulSetHistoryTests(KubeSimServer server)
{
    private static string Database(string ns, string kind = "StatefulSet") => $"""
        apiVersion: v1
        kind: Namespace
        metadata:
          name: {ns}
        ---
        apiVersion: apps/v1
        kind: {kind}
        metadata:
          name: db
          namespace: {ns}
        spec:
          {(kind == "StatefulSet" ? "replicas: 2" : "minReadySeconds: 0")}
          {(kind == "StatefulSet" ? "serviceName: db" : "revisionHistoryLimit: 10")}
          selector:
            matchLabels:
              app: db
          template:
            metadata:
              labels:
                app: db
            spec:
              containers:
              - name: db
                image: postgres:16
        """;

    [Fact]
    public async Task Rollout_history_lists_revisions_and_undo_restores_the_previous_image()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("sts-history");
        await kubectl.ApplyAsync(Database(ns));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "statefulset/db", "--timeout=90s");
        await kubectl.OkAsync("-n", ns, "set", "image", "statefulset/db", "db=postgres:17");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "statefulset/db", "--timeout=90s");

        var history = await kubectl.OkAsync("-n", ns, "rollout", "history", "statefulset/db");
        var second = await kubectl.OkAsync("-n", ns, "rollout", "history", "statefulset/db", "--revision=2");
        var undo = await kubectl.OkAsync("-n", ns, "rollout", "undo", "statefulset/db");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "statefulset/db", "--timeout=90s");
        var images = await kubectl.OkAsync("-n", ns, "get", "pods", "-l", "app=db", "-o", "jsonpath={.items[*].spec.containers[0].image}");
        var after = await kubectl.OkAsync("-n", ns, "get", "controllerrevisions", "-o", "jsonpath={range .items[*]}{.revision}={.data.spec.template.spec.containers[0].image} {end}");
        var status = await kubectl.OkAsync("-n", ns, "get", "sts", "db", "-o", "jsonpath={.status.currentRevision}={.status.updateRevision}");

        Assert.Equal(["REVISION  CHANGE-CAUSE", "1         <none>", "2         <none>"], Lines(history).Skip(1));
        Assert.Contains("postgres:17", second, StringComparison.Ordinal);
        Assert.Contains("statefulset.apps/db rolled back", undo, StringComparison.Ordinal);
        Assert.Equal("postgres:16 postgres:16", images);
        Assert.Equal(["2=postgres:17", "3=postgres:16"], after.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var revisions = status.Split('=');
        Assert.Equal(revisions[0], revisions[1]);
        Assert.StartsWith("db-", revisions[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_set_records_a_revision_per_template()
    {
        var kubectl = server.Kubectl();
        var ns = Manifests.UniqueNamespace("ds-history");
        await kubectl.ApplyAsync(Database(ns, "DaemonSet"));
        await kubectl.OkAsync("-n", ns, "rollout", "status", "daemonset/db", "--timeout=90s");
        await kubectl.OkAsync("-n", ns, "set", "image", "daemonset/db", "db=postgres:17");
        await kubectl.OkAsync("-n", ns, "rollout", "status", "daemonset/db", "--timeout=90s");

        var history = await kubectl.OkAsync("-n", ns, "rollout", "history", "daemonset/db");

        Assert.Equal(["REVISION  CHANGE-CAUSE", "1         <none>", "2         <none>"], Lines(history).Skip(1));
    }

    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd()).ToArray();
}
