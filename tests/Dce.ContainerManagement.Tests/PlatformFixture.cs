using Dce.Testing.Hosts;
using k8s;
using k8s.Models;
using Npgsql;

namespace Dce.ContainerManagement.Tests;

/// <summary>One simulated cluster, Global Management and Container Management for the tests of a class.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string Cluster = "alpha";

    public ContainerManagementPlatform Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await ContainerManagementPlatform.StartAsync([Cluster], healthInterval: TimeSpan.FromSeconds(5));
        await Platform.WaitForSummariesAsync([Cluster]);
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();

    public IKubernetes Kube() => Platform.Clusters.Client(Cluster);

    /// <summary>A namespace of the cluster for one test.</summary>
    public async Task<string> NamespaceAsync()
    {
        var name = $"t-{Guid.NewGuid():N}"[..14];
        using var kube = Kube();
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    /// <summary>The name of a running pod of a one-replica Deployment created in <paramref name="ns"/>.</summary>
    public async Task<string> RunningPodAsync(string ns)
    {
        using var kube = Kube();
        await kube.AppsV1.CreateNamespacedDeploymentAsync(Deployment("logger", 1), ns);
        string? running = null;
        await Dce.Testing.Eventually.Until(async () =>
        {
            var pods = await kube.CoreV1.ListNamespacedPodAsync(ns);
            running = pods.Items.FirstOrDefault(p => p.Status?.Phase == "Running")?.Metadata.Name;
            return running is not null;
        }, "a running pod");
        return running!;
    }

    public static V1Deployment Deployment(string name, int replicas, string? cpu = null)
    {
        var labels = new Dictionary<string, string> { ["app"] = name };
        var container = new V1Container { Name = "web", Image = "nginx:1.27" };
        if (cpu is not null)
        {
            container.Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) },
                Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu) },
            };
        }

        return new V1Deployment
        {
            ApiVersion = "apps/v1",
            Kind = "Deployment",
            Metadata = new V1ObjectMeta { Name = name, Labels = labels },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [container] } },
            },
        };
    }

    /// <summary>The outbox rows (event name, payload) written after <paramref name="afterSequence"/> whose payload mentions <paramref name="mentioning"/>.</summary>
    public async Task<List<(string EventName, string Payload)>> OutboxAsync(long afterSequence, string mentioning)
    {
        await using var connection = new NpgsqlConnection(Platform.Module.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT event_name, payload::text FROM event_bus_outbox WHERE sequence > @after AND payload::text LIKE @mention ORDER BY sequence", connection);
        command.Parameters.AddWithValue("after", afterSequence);
        command.Parameters.AddWithValue("mention", $"%{mentioning}%");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    /// <summary>The newest outbox sequence number, so a test sees only the rows its own calls wrote.</summary>
    public async Task<long> OutboxHeadAsync()
    {
        await using var connection = new NpgsqlConnection(Platform.Module.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT coalesce(max(sequence), 0) FROM event_bus_outbox", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
