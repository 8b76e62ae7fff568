using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.Testing.Contract;

/// <summary>
/// Calls the live module as DCE's clients do and records what each call proved. Every call is made twice: first by an
/// outsider (a user whose workspace holds nothing), who must be refused with 403 or 404 or shown an empty list; then by the administrator,
/// who must get a 2xx. At a path DCE publishes, the administrator's answer must validate against DCE's schema and
/// carry real data (a list at least one item, an object its fields).
/// </summary>
public sealed class ContractWalk(HttpClient admin, HttpClient outsider, IReadOnlyList<RouteEndpoint> routes, DceOperations operations)
{
    private readonly DceSchemaValidator _validator = new(operations);
    private readonly List<string> _failures = [];
    private readonly HashSet<string> _passedOperations = [];
    private readonly HashSet<string> _succeededRoutes = [];
    private readonly HashSet<string> _refusedRoutes = [];

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>
    /// The module's own fields on DCE's operations (operation id → field names): an answer is checked against DCE's schema
    /// with those fields left out, and strictly for everything else.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Extensions { get; init; } = new Dictionary<string, string[]>();

    public IReadOnlyCollection<string> PassedOperations => _passedOperations;

    public IReadOnlyCollection<string> SucceededRoutes => _succeededRoutes;

    public IReadOnlyCollection<string> RefusedRoutes => _refusedRoutes;

    /// <summary>The module's routes under <paramref name="root"/>, from its endpoint data sources.</summary>
    public static IReadOnlyList<RouteEndpoint> RoutesOf(IServiceProvider services, string root) =>
        [.. services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(root, StringComparison.Ordinal) == true)];

    /// <summary>Every route of the module as <c>METHOD pattern</c>.</summary>
    public IEnumerable<string> AllRoutes => routes.SelectMany(r =>
        (r.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {r.RoutePattern.RawText}"));

    public Task<JsonNode?> GetAsync(string path) => CallAsync(HttpMethod.Get, path);

    public Task<JsonNode?> DeleteAsync(string path) => CallAsync(HttpMethod.Delete, path);

    /// <summary>DCE's <c>{"data": "..."}</c> body.</summary>
    public static object Data(string text) => new { data = text };

    public async Task<JsonNode?> CallAsync(HttpMethod method, string path, object? body = null, string? contentType = null, bool outsiderToo = true)
    {
        var label = $"{method} {path}";
        var route = RouteOf(method.Method, path);
        if (outsiderToo)
        {
            using var refused = await outsider.SendAsync(Request(method, path, body, contentType));
            if (refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound || await SeesNothingAsync(refused))
            {
                _refusedRoutes.Add(route);
            }
            else
            {
                _failures.Add($"{label}: the outsider got {(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
            }
        }

        using var response = await admin.SendAsync(Request(method, path, body, contentType));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            _failures.Add($"{label}: {(int)response.StatusCode} {Shorten(text)}");
            return null;
        }

        _succeededRoutes.Add(route);
        var answer = text.Length == 0 ? null : JsonNode.Parse(text);
        if (operations.Match(method.Method, path) is not { } operation)
        {
            return answer;
        }

        var errors = _validator.Errors(operation, Extensions.TryGetValue(operation.OperationId, out var extra) ? WithoutFields(answer, extra) : answer);
        if (errors.Count > 0)
        {
            _failures.Add($"{label} ({operation.OperationId}): not DCE's shape: {string.Join("; ", errors)} in {Shorten(text)}");
        }
        else if (NoData(operation, answer) is { } missing)
        {
            _failures.Add($"{label} ({operation.OperationId}): {missing}");
        }
        else
        {
            _passedOperations.Add(operation.ToString());
        }

        return answer;
    }

    private static JsonNode? WithoutFields(JsonNode? answer, string[] fields)
    {
        var copy = answer?.DeepClone();
        Strip(copy);
        return copy;

        void Strip(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var field in fields)
                    {
                        obj.Remove(field);
                    }

                    foreach (var (_, child) in obj)
                    {
                        Strip(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Strip(child);
                    }

                    break;
            }
        }
    }

    /// <summary>A list filtered to what the caller may see refuses an outsider by showing nothing (<c>items</c>, or DCE's summaries' one list).</summary>
    private static async Task<bool> SeesNothingAsync(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.OK
        && JsonNode.Parse(await response.Content.ReadAsStringAsync()) is JsonObject answer
        && answer.Where(p => p.Value is JsonArray).ToList() is [(_, JsonArray { Count: 0 })];

    private string? NoData(DceOperation operation, JsonNode? answer)
    {
        var schema = operation.Response is null ? null : operations.Contract.Resolve(operation.Response);
        var properties = schema?["properties"] as JsonObject;
        if (properties is null || properties.Count == 0)
        {
            return null;
        }

        if (answer is not JsonObject obj || obj.Count == 0)
        {
            return "the answer carries no data";
        }

        return properties.ContainsKey("items") && obj["items"] is not (JsonArray { Count: > 0 } or JsonObject { Count: > 0 }) ? "the list is empty" : null;
    }

    private string RouteOf(string method, string path)
    {
        var bare = path.Split('?')[0];
        var matches = routes.Where(r => (r.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains(method) ?? false)
                && Matches(r.RoutePattern.RawText!, bare))
            .Select(r => r.RoutePattern.RawText!)
            .OrderByDescending(p => System.Text.RegularExpressions.Regex.Replace(p, @"\{[^}]+\}", "").Length)
            .ToList();
        return matches.Count > 0 ? $"{method} {matches[0]}" : $"{method} {bare} (no route)";
    }

    // A group's own route ("" under the group) has a pattern ending in '/', which the path it serves does not.
    private static bool Matches(string pattern, string path)
    {
        var regex = "^" + string.Concat(System.Text.RegularExpressions.Regex.Split(pattern.TrimEnd('/'), @"(\{[^}]+\})").Select(part =>
            part.StartsWith('{') ? "[^/]+" : System.Text.RegularExpressions.Regex.Escape(part))) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(path, regex);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body, string? contentType)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, contentType ?? "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    private static string Shorten(string text) => text.Length > 600 ? text[..600] + "…" : text;
}
