using System.Text.Json.Nodes;
using Dce.KubeSim.Apply;
using Dce.KubeSim.Machinery;

namespace Dce.KubeSim.Api;

/// <summary>
/// The query parameters of a write, validated as kube-apiserver validates CreateOptions, UpdateOptions, PatchOptions
/// and DeleteOptions: <c>dryRun</c>, <c>fieldManager</c>, <c>fieldValidation</c> and <c>force</c>; a bad value is a 422
/// naming the options kind.
/// </summary>
public static class WriteQuery
{
    public const string ApplyYaml = "application/apply-patch+yaml";
    public const string ApplyJson = "application/apply-patch+json";

    public static bool IsApply(string? mediaType) => mediaType is ApplyYaml or ApplyJson;

    /// <summary>Options for a create (POST), update (PUT) or patch (PATCH).</summary>
    public static WriteOptions Read(HttpContext context, RequestQuery query, string? subresource = null)
    {
        var method = context.Request.Method;
        var kind = method switch { "POST" => "CreateOptions", "PUT" => "UpdateOptions", _ => "PatchOptions" };
        var apply = method == "PATCH" && IsApply(MediaType(context));
        var causes = new List<FieldCause>();
        var force = query["force"];
        if (method == "PATCH" && !apply && force is not null)
        {
            causes.Add(new FieldCause("force", "FieldValueForbidden", "Forbidden: may not be specified for non-apply patch"));
        }
        var manager = query["fieldManager"] ?? "";
        if (apply && manager.Length == 0)
        {
            causes.Add(new FieldCause("fieldManager", "FieldValueRequired", "Required value: is required for apply patch"));
        }
        causes.AddRange(ManagerProblems(manager));
        causes.AddRange(DryRunProblems(query));
        var validation = query["fieldValidation"] ?? "";
        if (validation is not ("" or "Ignore" or "Warn" or "Strict"))
        {
            causes.Add(new FieldCause("fieldValidation", "FieldValueNotSupported",
                $"Unsupported value: {Quoted(validation)}: supported values: \"\", \"Ignore\", \"Strict\", \"Warn\""));
        }
        Throw(kind, causes);
        return new WriteOptions(query.DryRun, validation == "Strict",
            manager.Length > 0 ? manager : ManagerNames.FromUserAgent(context.Request.Headers.UserAgent.ToString()),
            apply && force is "true" or "1" or "t" or "T" or "TRUE" or "True",
            subresource is null or "status" ? null : subresource,
            WarnFields: validation is "" or "Warn");
    }

    /// <summary>Validates a delete's <c>dryRun</c>.</summary>
    public static void ValidateDelete(RequestQuery query) => Throw("DeleteOptions", DryRunProblems(query).ToList());

    /// <summary>Adds the write's warnings as <c>Warning: 299 - "..."</c> headers.</summary>
    public static void AddWarnings(HttpContext context, WriteOptions options)
    {
        foreach (var warning in options.Warnings)
        {
            context.Response.Headers.Append("Warning", "299 - " + Quoted(warning));
        }
    }

    public static string MediaType(HttpContext context) => context.Request.ContentType?.Split(';')[0].Trim() ?? "";

    private static IEnumerable<FieldCause> ManagerProblems(string manager)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(manager) > ManagerNames.MaxLength)
        {
            yield return new FieldCause("fieldManager", "FieldValueTooLong", $"Too long: may not be more than {ManagerNames.MaxLength} bytes");
        }
        var position = 0;
        foreach (var rune in manager.EnumerateRunes())
        {
            if (!ManagerNames.IsPrintable(rune))
            {
                yield return new FieldCause("fieldManager", "FieldValueInvalid",
                    $"Invalid value: {Quoted(manager)}: invalid character U+{rune.Value:X4} (at position {position})");
            }
            position += rune.Utf8SequenceLength;
        }
    }

    private static IEnumerable<FieldCause> DryRunProblems(RequestQuery query)
    {
        var values = query.All("dryRun");
        if (values.Any(v => v != "All"))
        {
            var listed = string.Join(", ", values.Select(Quoted));
            yield return new FieldCause("dryRun", "FieldValueNotSupported", $"Unsupported value: []string{{{listed}}}: supported values: \"All\"");
        }
    }

    private static void Throw(string kind, List<FieldCause> causes)
    {
        if (causes.Count == 0)
        {
            return;
        }
        var details = new JsonObject
        {
            ["name"] = "", ["group"] = "meta.k8s.io", ["kind"] = kind,
            ["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field }).ToArray()),
        };
        var described = causes.Select(c => $"{c.Field}: {c.Message}").ToList();
        var summary = described.Count == 1 ? described[0] : $"[{string.Join(", ", described)}]";
        throw new ApiException(422, "Invalid", $"{kind}.meta.k8s.io \"\" is invalid: {summary}", details);
    }

    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text,
        new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
