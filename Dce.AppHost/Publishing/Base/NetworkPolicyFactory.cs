using Dce.AppHost.Publishing.Graph;
using k8s.Models;

namespace Dce.AppHost.Publishing.Base;

/// <summary>
/// Deny by default; allow DNS and telemetry for every pod, then exactly the edges of the graph: each workload accepts
/// traffic from the workloads that reference it (the gateway from anywhere, for the ingress controller) and sends
/// traffic to the workloads it references.
/// </summary>
public static class NetworkPolicyFactory
{
    /// <summary>The namespace-wide policies.</summary>
    public static IEnumerable<object> Platform()
    {
        yield return Policy("default-deny", new V1NetworkPolicySpec { PodSelector = new V1LabelSelector(), PolicyTypes = ["Ingress", "Egress"] });
        yield return Policy("allow-dns", new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Egress"],
            Egress = [new V1NetworkPolicyEgressRule { Ports = [Port(53, "UDP"), Port(53, "TCP")] }],
        });
        yield return Policy("allow-telemetry", new V1NetworkPolicySpec
        {
            PodSelector = new V1LabelSelector(),
            PolicyTypes = ["Egress"],
            Egress =
            [
                new V1NetworkPolicyEgressRule
                {
                    To = [Pods(OpenTelemetryCollectorFactory.Name)],
                    Ports = [Port(OpenTelemetryCollectorFactory.GrpcPort), Port(OpenTelemetryCollectorFactory.HttpPort)],
                },
            ],
        });
    }

    /// <summary>The policies of <paramref name="workload"/> within <paramref name="graph"/>.</summary>
    public static IEnumerable<object> For(Workload workload, PublishedGraph graph)
    {
        var clients = graph.Workloads.Where(client => client.Targets.Contains(workload.Name)).Select(client => client.Name).ToList();
        if (workload.Ports.Count > 0 && (clients.Count > 0 || workload.IsExternal))
        {
            var rule = new V1NetworkPolicyIngressRule
            {
                FromProperty = workload.IsExternal ? null : clients.Select(Pods).ToList(),
                Ports = workload.Ports.Select(port => Port(port.ContainerPort)).ToList(),
            };
            yield return Policy($"{workload.Name}-ingress", new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(workload.Name) },
                PolicyTypes = ["Ingress"],
                Ingress = [rule],
            }, workload.Name);
        }

        var egress = workload.Targets.Order(StringComparer.Ordinal)
            .Select(graph.Get)
            .Where(target => target.Ports.Count > 0)
            .Select(target => new V1NetworkPolicyEgressRule
            {
                To = [Pods(target.Name)],
                Ports = target.Ports.Select(port => Port(port.ContainerPort)).ToList(),
            })
            .ToList();
        if (graph.Workloads.Any(job => job.Kind == WorkloadKind.Job && job.CompletesBefore.Contains(workload.Name)))
        {
            // The migration wait asks the API server, whose address differs per cluster.
            egress.Add(new V1NetworkPolicyEgressRule { Ports = [Port(443), Port(6443)] });
        }

        if (egress.Count > 0)
        {
            yield return Policy($"{workload.Name}-egress", new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(workload.Name) },
                PolicyTypes = ["Egress"],
                Egress = egress,
            }, workload.Name);
        }
    }

    /// <summary>A rule peer selecting the pods of workload <paramref name="name"/>.</summary>
    public static V1NetworkPolicyPeer Pods(string name) =>
        new() { PodSelector = new V1LabelSelector { MatchLabels = PlatformLabels.Selector(name) } };

    /// <summary>A port of a rule.</summary>
    public static V1NetworkPolicyPort Port(int port, string protocol = "TCP") => new() { Port = port, Protocol = protocol };

    /// <summary>A policy object.</summary>
    public static V1NetworkPolicy Policy(string name, V1NetworkPolicySpec spec, string? workload = null) => new()
    {
        ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy",
        Metadata = Meta.Of(name, workload ?? name, "network-policy"),
        Spec = spec,
    };
}
