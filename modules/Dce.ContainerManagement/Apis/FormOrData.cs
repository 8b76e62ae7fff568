using System.Text.Json;
using Dce.ContainerManagement.Apis.Resources;

namespace Dce.ContainerManagement.Apis;

/// <summary>
/// A create or replace body at a path that takes both DCE's <c>{"data": "&lt;YAML or JSON&gt;"}</c> and the module's
/// own form: <c>data</c> as text is DCE's body, anything else is the form.
/// </summary>
internal static class FormOrData
{
    public static DataBody? DceBody(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String
            ? new DataBody(data.GetString())
            : null;

    /// <summary>The form, or the 400 saying why the body is not one.</summary>
    public static (T? Form, IResult? Problem) Form<T>(JsonElement body) where T : class
    {
        try
        {
            return body.Deserialize<T>(JsonSerializerOptions.Web) is { } form
                ? (form, null)
                : (null, Refuse("The body is empty."));
        }
        catch (JsonException e)
        {
            return (null, Refuse($"The body is neither DCE's {{\"data\": \"<YAML or JSON>\"}} nor the form: {e.Message}"));
        }

        static IResult Refuse(string message) => new Validation().Require(false, "body", message).Problem();
    }
}
