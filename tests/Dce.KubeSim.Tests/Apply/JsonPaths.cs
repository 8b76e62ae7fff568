using System.Text.Json.Nodes;

namespace Dce.KubeSim.Tests.Apply;

/// <summary>Reads a dotted path out of an object kubectl printed as JSON.</summary>
internal static class JsonPaths
{
    public static JsonNode? At(this JsonNode? node, string dotted)
    {
        foreach (var part in dotted.Split('.'))
        {
            node = node is JsonObject o ? o[part] : null;
        }
        return node;
    }
}
