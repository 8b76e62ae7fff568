using System.Globalization;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Printing;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>
/// The table columns of a custom resource, from its version's additionalPrinterColumns (AGE alone when it has none),
/// with cells typed as kube-apiserver types them: a date prints as an age, a missing value as &lt;none&gt;.
/// </summary>
public static class CustomResourceColumns
{
    public static List<TableColumn> For(ResourceType type) =>
    [
        TableColumn.Name,
        .. (type.PrinterColumns.Count > 0 ? type.PrinterColumns : [PrinterColumn.Age]).Select(Column),
    ];

    private static TableColumn Column(PrinterColumn column) =>
        new(column.Name, column.Type, o => Cell(column.Type, PrinterColumnPath.Evaluate(o, column.JsonPath).FirstOrDefault()),
            column.Format, column.Priority, column.Description);

    private static JsonNode? Cell(string type, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }
        var text = PrinterColumnPath.Text(value);
        return type switch
        {
            "date" => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var when) ? BuiltinColumns.Age(when) : null,
            "integer" => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole) ? whole : null,
            "number" => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null,
            "boolean" => bool.TryParse(text, out var flag) ? flag : null,
            _ => text,
        };
    }
}
