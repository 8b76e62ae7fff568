using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Platform.Contracts.DceApi;

/// <summary>
/// An answer written in DCE's shape for the operation the request reached (the module's <see cref="DceContract"/>),
/// found from the endpoint's route pattern and method; at a path DCE does not have, the value is written as it is.
/// </summary>
public sealed class DceJson(JsonNode value, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public int? StatusCode => statusCode;

    public JsonNode Value => value;

    public static DceJson Ok(JsonNode value) => new(value);

    /// <summary>A typed answer (a record, a page) as its camelCase JSON, then shaped as <see cref="Ok(JsonNode)"/>.</summary>
    public static DceJson Of<T>(T value) => new(JsonSerializer.SerializeToNode(value, WebJson) ?? new JsonObject());

    /// <summary>DCE's answer to a deletion or other change with nothing to return: <c>{}</c>.</summary>
    public static DceJson Empty() => new(new JsonObject());

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var contract = httpContext.RequestServices.GetRequiredService<DceContract>();
        var shaped = httpContext.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && contract.ResponseSchema(httpContext.Request.Method, pattern) is { } schema
            ? DceShape.Project(value, schema, contract) ?? new JsonObject()
            : value;
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        return httpContext.Response.WriteAsync(shaped.ToJsonString(), httpContext.RequestAborted);
    }
}
