using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>Writes Kubernetes JSON bodies: objects, lists, Status errors.</summary>
public static class KubeResponses
{
    public const string JsonType = "application/json";

    public static Task Raw(HttpContext context, int status, byte[] json)
    {
        if (Pretty(context.Request))
        {
            json = JsonSerializer.SerializeToUtf8Bytes(JsonNode.Parse(json), Indented);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonType;
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Whether to indent, as kube-apiserver decides: <c>?pretty</c> when given, else for curl, Wget and browsers.</summary>
    private static bool Pretty(HttpRequest request)
    {
        if (request.Query.TryGetValue("pretty", out var pretty) && pretty.ToString().Length > 0)
        {
            return pretty.ToString() is "1" or "t" or "T" or "true" or "TRUE" or "True";
        }
        var agent = request.Headers.UserAgent.ToString();
        return agent.StartsWith("curl", StringComparison.Ordinal) || agent.StartsWith("Wget", StringComparison.Ordinal)
            || agent.StartsWith("Mozilla/5.0", StringComparison.Ordinal);
    }

    public static Task Node(HttpContext context, int status, JsonNode node) => Raw(context, status, Json.ToBytes(node));

    public static Task Error(HttpContext context, ApiException error) => Node(context, error.Code, error.ToStatus());

    public static Task Success(HttpContext context, ResourceType type, string name) => Node(context, 200, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject { ["name"] = name, ["group"] = type.Group, ["kind"] = type.Plural, ["uid"] = "" },
    });

    /// <summary>A list written straight from the stored bytes, so large lists are not re-parsed.</summary>
    public static async Task List(HttpContext context, ResourceType type, ListPage page, string? continueToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonType;
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter.AsStream(), new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteString("kind", type.ListKind);
        writer.WriteString("apiVersion", type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", page.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (continueToken is not null)
        {
            writer.WriteString("continue", continueToken);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("items");
        var written = 0;
        foreach (var item in page.Items)
        {
            writer.WriteRawValue(Machinery.Versions.ServedVersions.Bytes(type, item), skipInputValidation: true);
            if (++written % 256 == 0)
            {
                await writer.FlushAsync(context.RequestAborted);
            }
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
