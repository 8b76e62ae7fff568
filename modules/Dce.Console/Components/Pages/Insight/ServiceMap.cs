using System.Text.Json;
using Dce.Console.Gateway;

namespace Dce.Console.Components.Pages.Insight;

/// <summary>
/// The service graph (<c>service-graph/graph</c>) laid out in layers: callers left of the services they call, each
/// service in the layer after the longest chain of callers before it; a cycle stops where it would repeat.
/// </summary>
public sealed class ServiceMap
{
    public const double LayerWidth = 240;
    public const double RowHeight = 110;
    public const double Margin = 80;

    private ServiceMap(IReadOnlyList<ServiceMapNode> nodes, IReadOnlyList<ServiceMapEdge> edges, double width, double height) =>
        (Nodes, Edges, Width, Height) = (nodes, edges, width, height);

    public IReadOnlyList<ServiceMapNode> Nodes { get; }

    public IReadOnlyList<ServiceMapEdge> Edges { get; }

    public double Width { get; }

    public double Height { get; }

    public static ServiceMap Lay(JsonElement graph)
    {
        var nodes = graph.Items("nodes").ToList();
        var ids = nodes.Select(node => node.Text("id")).ToList();
        var calls = graph.Items("edges").Select(edge => (From: edge.Text("source"), To: edge.Text("target"), Figures: Figures(edge)))
            .Where(call => ids.Contains(call.From) && ids.Contains(call.To) && call.From != call.To).ToList();
        var layer = ids.ToDictionary(id => id, _ => 0);
        // Longest path by relaxation; at most one pass per node, so a cycle cannot push layers forever.
        for (var pass = 0; pass < ids.Count; pass++)
        {
            var moved = false;
            foreach (var (from, to, _) in calls.Where(call => layer[call.To] < layer[call.From] + 1 && layer[call.From] + 1 < ids.Count))
            {
                layer[to] = layer[from] + 1;
                moved = true;
            }

            if (!moved)
            {
                break;
            }
        }

        var placed = new Dictionary<string, ServiceMapNode>();
        foreach (var column in nodes.GroupBy(node => layer[node.Text("id")]))
        {
            var row = 0;
            foreach (var node in column.OrderBy(node => node.Prop("metadata").Text("service"), StringComparer.Ordinal))
            {
                var metadata = node.Prop("metadata");
                var figures = Figures(node);
                var place = string.Join("/", new[] { metadata.Text("cluster"), metadata.Text("namespace") }.Where(part => part.Length > 0));
                placed[node.Text("id")] = new ServiceMapNode(node.Text("id"), metadata.Text("service"), place,
                    Margin + column.Key * LayerWidth, Margin / 2 + row++ * RowHeight, figures.GetValueOrDefault("req_rate"), figures.GetValueOrDefault("error_rate"));
            }
        }

        var edges = calls.Select(call => new ServiceMapEdge(placed[call.From], placed[call.To], call.Figures.GetValueOrDefault("req_rate"),
            call.Figures.GetValueOrDefault("error_rate"), call.Figures.GetValueOrDefault("latency_p99"))).ToList();
        var layers = placed.Count == 0 ? 0 : layer.Values.Max() + 1;
        var rows = placed.Count == 0 ? 0 : nodes.GroupBy(node => layer[node.Text("id")]).Max(column => column.Count());
        return new ServiceMap([.. placed.Values], edges, Margin * 2 + Math.Max(layers - 1, 0) * LayerWidth + 80, Margin + rows * RowHeight);
    }

    private static Dictionary<string, double> Figures(JsonElement element) =>
        element.Items("statuses").GroupBy(status => status.Text("name"))
            .ToDictionary(group => group.Key, group => group.First().Prop("value") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : 0);
}
