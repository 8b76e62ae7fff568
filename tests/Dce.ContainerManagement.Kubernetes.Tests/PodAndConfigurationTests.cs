using System.Globalization;
using Dce.Testing;
using k8s;
using k8s.Models;

namespace Dce.ContainerManagement.Kubernetes.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PodAndConfigurationTests(ClusterFixture fixture)
{
    private IKubernetes Client => fixture.C1;

    private async Task<V1Pod> ReadyPodAsync(string ns)
    {
        await WorkloadOperations.CreateAsync(Client, WorkloadKind.Deployment, ns, new WorkloadForm { Name = "app", Image = "app:1" });
        V1Pod? pod = null;
        await Eventually.Until(async () =>
        {
            pod = (await PodOperations.ListAsync(Client, ns, labelSelector: "app=app")).FirstOrDefault(PodReadiness.IsReady);
            return pod is not null;
        }, "a ready pod");
        return pod!;
    }

    [Fact]
    public async Task Logs_tail_returns_the_last_lines()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var pod = await ReadyPodAsync(ns);

        // The pod keeps writing: a line may land between the two reads, so the pair is read again until it is still.
        var (all, tail) = ("", "");
        await Eventually.Until(async () =>
        {
            all = await PodOperations.LogsAsync(Client, ns, pod.Metadata.Name);
            tail = await PodOperations.LogsAsync(Client, ns, pod.Metadata.Name, container: "app", tailLines: 2);
            return all.EndsWith(tail, StringComparison.Ordinal);
        }, "two reads of the log without a line written between them");

        var tailLines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, tailLines.Length);
        Assert.EndsWith(tailLines[^1] + "\n", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Followed_logs_stream_stays_open()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var pod = await ReadyPodAsync(ns);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using var stream = await PodOperations.FollowLogsAsync(Client, ns, pod.Metadata.Name, tailLines: 1, cancellationToken: cancel.Token);
        using var reader = new StreamReader(stream);
        var first = await reader.ReadLineAsync(cancel.Token);
        var second = await reader.ReadLineAsync(cancel.Token);

        Assert.Contains(pod.Metadata.Name, first, StringComparison.Ordinal);
        Assert.Contains(pod.Metadata.Name, second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_followed_log_resumes_from_the_instant_of_a_line_already_read()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var pod = await ReadyPodAsync(ns);
        var lines = Array.Empty<string>();
        await Eventually.Until(async () =>
        {
            lines = (await PodOperations.LogsAsync(Client, ns, pod.Metadata.Name, timestamps: true)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return lines.Length > 0 && Stamp(lines[^1]) != Stamp(lines[0]);
        }, "log lines of two instants");
        var instant = DateTimeOffset.Parse(Stamp(lines[^1]), CultureInfo.InvariantCulture);
        var resumeAt = lines.First(l => Stamp(l) == Stamp(lines[^1]));
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await using var stream = await PodOperations.FollowLogsAsync(Client, ns, pod.Metadata.Name, timestamps: true, since: instant, cancellationToken: cancel.Token);
        using var reader = new StreamReader(stream);

        Assert.Equal(resumeAt, await reader.ReadLineAsync(cancel.Token));
    }

    private static string Stamp(string line) => line[..line.IndexOf(' ', StringComparison.Ordinal)];

    [Fact]
    public async Task Events_of_a_pod_are_listed()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var pod = await ReadyPodAsync(ns);

        await Eventually.Until(async () =>
            (await PodOperations.EventsAsync(Client, ns, pod.Metadata.Name, "Pod", pod.Metadata.Uid)).Count > 0, "events of the pod");

        var events = await PodOperations.EventsAsync(Client, ns, pod.Metadata.Name, "Pod");
        Assert.All(events, e => Assert.Equal(pod.Metadata.Name, e.InvolvedObject.Name));
    }

    [Fact]
    public async Task Secret_values_are_masked_unless_revealed()
    {
        var ns = await fixture.NamespaceAsync(Client);

        var created = await SecretOperations.CreateAsync(Client, ns, "db", new Dictionary<string, string> { ["password"] = "s3cret" });
        var masked = await SecretOperations.GetAsync(Client, ns, "db");
        var revealed = await SecretOperations.GetAsync(Client, ns, "db", revealValues: true);

        Assert.Equal(SecretOperations.Mask, created.Data["password"]);
        Assert.Equal(SecretOperations.Mask, masked.Data["password"]);
        Assert.Equal("s3cret", revealed.Data["password"]);
        Assert.All(await SecretOperations.ListAsync(Client, ns), s => Assert.All(s.Data.Values, v => Assert.Equal(SecretOperations.Mask, v)));

        await SecretOperations.UpdateAsync(Client, ns, "db", new Dictionary<string, string> { ["password"] = "n3w" });
        Assert.Equal("n3w", (await SecretOperations.GetAsync(Client, ns, "db", revealValues: true)).Data["password"]);
        await SecretOperations.DeleteAsync(Client, ns, "db");
        Assert.Empty(await SecretOperations.ListAsync(Client, ns));
    }

    [Fact]
    public async Task Services_and_config_maps_round_trip()
    {
        var ns = await fixture.NamespaceAsync(Client);
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        };

        await ServiceOperations.CreateAsync(Client, ns, service);
        var read = await ServiceOperations.GetAsync(Client, ns, "web");
        read.Spec.Ports[0].Port = 8080;
        await ServiceOperations.UpdateAsync(Client, ns, read);
        await ConfigMapOperations.CreateAsync(Client, ns, "settings", new Dictionary<string, string> { ["a"] = "1" });
        await ConfigMapOperations.UpdateAsync(Client, ns, "settings", new Dictionary<string, string> { ["a"] = "2" });

        Assert.Equal(8080, (await ServiceOperations.GetAsync(Client, ns, "web")).Spec.Ports[0].Port);
        Assert.Equal("2", (await ConfigMapOperations.GetAsync(Client, ns, "settings")).Data["a"]);
        await ServiceOperations.DeleteAsync(Client, ns, "web");
        await ConfigMapOperations.DeleteAsync(Client, ns, "settings");
        Assert.Empty(await ServiceOperations.ListAsync(Client, ns));
    }
}
