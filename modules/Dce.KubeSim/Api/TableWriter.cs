using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Printing;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>Server-side printing: the <c>meta.k8s.io/v1 Table</c> that <c>kubectl get</c> asks for.</summary>
public static class TableWriter
{
    public static bool Wanted(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("as=Table", StringComparison.Ordinal);

    public static JsonObject Table(ResourceType type, IReadOnlyList<StoredObject> items, long resourceVersion, string? continueToken)
    {
        var columns = type.IsCustom ? CustomResourceColumns.For(type) : BuiltinColumns.For(type.Kind);
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var obj = item.Parse();
            var cells = new JsonArray(columns.Select(c => c.Cell(obj)).ToArray());
            rows.Add(new JsonObject { ["cells"] = cells, ["object"] = obj });
        }
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
        }
        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = new JsonArray(columns.Select(c => (JsonNode)c.Definition()).ToArray()),
            ["rows"] = rows,
        };
    }
}
