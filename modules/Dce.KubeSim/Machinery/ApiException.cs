using System.Text.Json.Nodes;

namespace Dce.KubeSim.Machinery;

/// <summary>A failure the API reports as a Kubernetes <c>Status</c> body.</summary>
public sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public JsonObject? Details { get; } = details;

    public JsonObject ToStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["details"] = Details?.DeepClone(),
        ["code"] = Code,
    };

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{Qualified(type)} \"{name}\" not found", Describe(type, name));

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{Qualified(type)} \"{name}\" already exists", Describe(type, name));

    public static ApiException Conflict(ResourceType type, string name) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(type)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", Describe(type, name));

    public static ApiException Forbidden(ResourceType type, string name, string why) =>
        new(403, "Forbidden", $"{Qualified(type)} \"{name}\" is forbidden: {why}", Describe(type, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException NoResource() => new(404, "NotFound", "the server could not find the requested resource");

    public static ApiException Invalid(ResourceType type, string name, IReadOnlyList<FieldCause> causes)
    {
        var details = Describe(type, name);
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field,
        }).ToArray());
        var summary = string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        return new(422, "Invalid", $"{type.Kind} \"{name}\" is invalid: {summary}", details);
    }

    private static string Qualified(ResourceType type) => type.Group.Length == 0 ? type.Plural : $"{type.Plural}.{type.Group}";

    private static JsonObject Describe(ResourceType type, string name) => new()
    {
        ["name"] = name, ["group"] = type.Group.Length == 0 ? null : type.Group, ["kind"] = type.Plural,
    };
}

/// <summary>One field-level reason an object is invalid.</summary>
public sealed record FieldCause(string Field, string Reason, string Message)
{
    public static FieldCause Required(string field) => new(field, "FieldValueRequired", "Required value");
    public static FieldCause InvalidValue(string field, string value, string why) =>
        new(field, "FieldValueInvalid", $"Invalid value: \"{value}\": {why}");
}
