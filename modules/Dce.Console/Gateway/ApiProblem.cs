using System.Net;
using System.Text.Json;

namespace Dce.Console.Gateway;

/// <summary>A refusal from the platform's API (RFC 9457 problem details), in words a page can show next to what caused it.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>One sentence for the user: the detail, else the title, with what to do for the statuses that need it.</summary>
    public string Message => Status switch
    {
        403 => $"You are not allowed to do this. {Detail ?? ""} Ask an administrator of the workspace for a role that permits it.".Replace("  ", " ", StringComparison.Ordinal),
        404 => Detail ?? "It does not exist (any more).",
        503 => $"{Detail ?? Title} Try again in a moment.",
        _ => Detail ?? Title,
    };

    /// <summary>The messages of one field (its JSON name, case-insensitive), for showing beside the field.</summary>
    public IEnumerable<string> For(string field) =>
        Errors.Where(e => e.Key.Equals(field, StringComparison.OrdinalIgnoreCase) || e.Key.StartsWith(field + "[", StringComparison.OrdinalIgnoreCase) || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value);

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallback = new ApiProblem(status, ReasonOf(response.StatusCode), null, new Dictionary<string, string[]>());
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return fallback;
            }

            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var map) && map.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in map.EnumerateObject())
                {
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                        : [field.Value.ToString()];
                }
            }

            return new ApiProblem(status, Text(root, "title") ?? fallback.Title, Text(root, "detail") ?? Text(root, "message"), errors);
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string ReasonOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => "Your session has ended. Sign in again.",
        HttpStatusCode.Forbidden => "You are not allowed to do this.",
        HttpStatusCode.NotFound => "Not found.",
        HttpStatusCode.TooManyRequests => "Too many requests; wait a moment.",
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => "The platform is not answering right now.",
        _ => $"The request failed ({(int)status}).",
    };
}

/// <summary>A call the platform refused; pages catch it and show <see cref="Problem"/>.</summary>
public sealed class ApiException(ApiProblem problem) : Exception(problem.Message)
{
    public ApiProblem Problem { get; } = problem;
}
