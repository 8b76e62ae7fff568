using System.Globalization;
using System.Text.Json.Nodes;

namespace Dce.Multicloud.Propagation.Api;

/// <summary>Kubernetes' <c>status.conditions</c> convention: one entry per type, the transition time moving only when the status does.</summary>
public static class Conditions
{
    public static JsonObject? Find(JsonObject? status, string type) =>
        (status?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(condition => condition["type"]?.GetValue<string>() == type);

    public static bool IsTrue(JsonObject? status, string type) => Find(status, type)?["status"]?.GetValue<string>() == "True";

    /// <summary>Sets the condition; false when it already said the same.</summary>
    public static bool Set(JsonObject status, string type, bool value, string reason, string message, DateTimeOffset now)
    {
        var conditions = status["conditions"] as JsonArray ?? (JsonArray)(status["conditions"] = new JsonArray());
        var text = value ? "True" : "False";
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(condition => condition["type"]?.GetValue<string>() == type);
        if (existing is not null && existing["status"]?.GetValue<string>() == text
            && existing["reason"]?.GetValue<string>() == reason && existing["message"]?.GetValue<string>() == message)
        {
            return false;
        }

        var transition = existing is not null && existing["status"]?.GetValue<string>() == text
            ? existing["lastTransitionTime"]?.DeepClone()
            : now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var updated = new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["reason"] = reason,
            ["message"] = message,
            ["lastTransitionTime"] = transition,
        };
        if (existing is null)
        {
            conditions.Add(updated);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = updated;
        }

        return true;
    }
}
