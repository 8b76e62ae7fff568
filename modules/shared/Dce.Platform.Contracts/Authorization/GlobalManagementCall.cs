using Polly;

namespace Dce.Platform.Contracts.Authorization;

/// <summary>Sends a question to Global Management; every way of not reaching it surfaces as <see cref="HttpRequestException"/>.</summary>
internal static class GlobalManagementCall
{
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await http.SendAsync(message, cancellationToken);
        }
        catch (ExecutionRejectedException rejected)
        {
            // An open circuit or a timeout of the resilience pipeline: Global Management is unreachable, not refusing.
            throw new HttpRequestException("Global Management cannot be reached.", rejected);
        }
    }
}
