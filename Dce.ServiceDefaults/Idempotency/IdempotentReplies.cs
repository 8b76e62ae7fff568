using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Dce.ServiceDefaults.Idempotency;

/// <summary>The answers to a request whose key was seen before, or is not a key.</summary>
internal static class IdempotentReplies
{
    public static Task InvalidKeyAsync(HttpContext http) =>
        Results.Problem(
            $"The {IdempotencyKey.Header} header must be one value of 1 to {IdempotencyKey.MaxLength} printable characters (optionally quoted).",
            statusCode: StatusCodes.Status400BadRequest, title: "Invalid idempotency key").ExecuteAsync(http);

    /// <summary>What the seen record allows: the kept response, or why there is none.</summary>
    public static Task FromRecordAsync(HttpContext http, IdempotentRequest seen, string requestHash, DateTimeOffset now, IdempotencyOptions options)
    {
        if (!string.Equals(seen.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return Results.Problem(
                $"This {IdempotencyKey.Header} was already used for a different request (method, path or body); use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused").ExecuteAsync(http);
        }

        if (seen.ResponseStatus is { } status)
        {
            return ReplayAsync(http, seen, status);
        }

        if (now - seen.CreatedAt < options.InProgressFor)
        {
            http.Response.Headers.RetryAfter = "1";
            return Results.Problem(
                $"A request with this {IdempotencyKey.Header} is in progress; retry after a second.",
                statusCode: StatusCodes.Status409Conflict, title: "Request in progress").ExecuteAsync(http);
        }

        http.Response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        return Results.Json(
            Applied("Applied, response lost", $"The request with this {IdempotencyKey.Header} was applied at {seen.CreatedAt:O}, but its original response was not kept; read the resource to see its state."),
            statusCode: StatusCodes.Status200OK).ExecuteAsync(http);
    }

    /// <summary>Fills <paramref name="record"/> with the answer kept in place of a response that carried a secret.</summary>
    public static void NotKept(IdempotentRequest record)
    {
        record.ResponseStatus = StatusCodes.Status200OK;
        record.ResponseContentType = "application/json; charset=utf-8";
        record.ResponseBody = JsonSerializer.SerializeToUtf8Bytes(Applied(
            "Applied, response not kept",
            $"The request with this {IdempotencyKey.Header} was applied at {record.CreatedAt:O}; its response carried a secret and is never kept. Read the resource to see its state."));
    }

    private static object Applied(string title, string detail) =>
        new AppliedDocument("about:blank", title, StatusCodes.Status200OK, detail);

    private sealed record AppliedDocument(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("status")] int Status,
        [property: JsonPropertyName("detail")] string Detail);

    private static async Task ReplayAsync(HttpContext http, IdempotentRequest seen, int status)
    {
        var response = http.Response;
        response.StatusCode = status;
        response.Headers[IdempotencyKey.ReplayedHeader] = "true";
        if (seen.ResponseContentType is { } contentType)
        {
            response.ContentType = contentType;
        }

        if (seen.ResponseLocation is { } location)
        {
            response.Headers[HeaderNames.Location] = location;
        }

        // An empty body is left empty, so the status-code pages answer it as they answered the original.
        if (seen.ResponseBody is { Length: > 0 } body)
        {
            response.ContentLength = body.Length;
            await response.Body.WriteAsync(body, http.RequestAborted);
        }
    }
}
