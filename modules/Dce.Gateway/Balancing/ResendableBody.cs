using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Dce.Gateway.Balancing;

/// <summary>A request body kept in memory as it is forwarded, so a second attempt can send it again.</summary>
internal static class ResendableBody
{
    /// <summary>
    /// True when the request can be sent more than once: it has no body, or a declared length up to
    /// <paramref name="maxBytes"/>, which is then buffered. A larger or unannounced (chunked) body is streamed once.
    /// </summary>
    public static bool Prepare(HttpRequest request, int maxBytes)
    {
        if (!HasBody(request))
        {
            return true;
        }

        if (request.ContentLength is not { } length || length > maxBytes)
        {
            return false;
        }

        request.EnableBuffering(bufferThreshold: maxBytes, bufferLimit: maxBytes);
        return true;
    }

    public static void Rewind(HttpRequest request)
    {
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody
        ?? (request.ContentLength > 0 || request.Headers.ContainsKey(HeaderNames.TransferEncoding));
}
