using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Dce.ServiceDefaults.Http;

/// <summary>
/// Opt-in entity tags for GET endpoints whose answer is a bounded JSON document (lists a page polls): the answer is
/// rendered into memory and hashed; the hash is its <c>ETag</c>, and a request whose <c>If-None-Match</c> names it is
/// answered 304 with no body. The cluster is still read on every request; what is saved is the transfer and the
/// client's rendering. Never for streams: the whole answer is buffered.
/// </summary>
public static class ETagEndpoints
{
    /// <summary>Answers 304 to a matching <c>If-None-Match</c> and sets <c>ETag</c> on every successful answer.</summary>
    public static TBuilder WithETag<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var answer = await next(context);
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) || answer is not IResult result)
            {
                return answer;
            }

            var response = http.Response;
            var original = response.Body;
            using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await result.ExecuteAsync(http);
            }
            finally
            {
                response.Body = original;
            }

            if (response.StatusCode == StatusCodes.Status200OK)
            {
                var tag = $"\"{Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))[..16])}\"";
                response.Headers.ETag = tag;
                if (Matches(http.Request.Headers.IfNoneMatch, tag))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    response.ContentLength = null;
                    response.Headers.ContentType = default;
                    return Results.Empty;
                }
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, http.RequestAborted);
            return Results.Empty;
        });

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string tag) =>
        EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && tags.Any(t => t.Tag.Equals(tag, StringComparison.Ordinal) || t.Tag.Equals("*", StringComparison.Ordinal));
}
