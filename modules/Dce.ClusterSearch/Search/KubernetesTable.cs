using System.Text.Json.Nodes;
using Dce.ClusterSearch.Model;
using Dce.Kubernetes.Printing;

namespace Dce.ClusterSearch.Search;

/// <summary>
/// Server-side printing of search results: the <c>meta.k8s.io/v1 Table</c> <c>kubectl get</c> asks for, with the
/// columns the API server prints for the kind after a CLUSTER column, as Clusterpedia prints it.
/// </summary>
internal static class KubernetesTable
{
    private static readonly TableColumn Cluster = new("Cluster", "string", _ => null, Description: "The cluster the object is in.");

    public static string Write(ResourceType type, IReadOnlyList<(string Cluster, string Json)> items, string? continueToken, long? remainingItemCount, AnswerShape shape)
    {
        var columns = BuiltinColumns.For(type.Kind);
        var rows = new JsonArray();
        foreach (var (cluster, json) in items)
        {
            var item = KubernetesList.Item(type, cluster, json);
            var row = new JsonObject { ["cells"] = new JsonArray([JsonValue.Create(cluster), .. columns.Select(c => c.Cell(item))]) };
            if (shape != AnswerShape.TableOnly)
            {
                row["object"] = shape == AnswerShape.TableWithObjects ? item : PartialMetadata(item);
            }

            rows.Add(row);
        }

        var metadata = new JsonObject();
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }

        if (remainingItemCount is { } remaining)
        {
            metadata["remainingItemCount"] = remaining;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray([.. new[] { Cluster }.Concat(columns).Select(c => (JsonNode)c.Definition())]),
            ["rows"] = rows,
        }.ToJsonString();
    }

    private static JsonObject PartialMetadata(JsonObject item) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = item["metadata"]?.DeepClone(),
    };
}
