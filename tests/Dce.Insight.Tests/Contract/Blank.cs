using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dce.Testing.Contract;

namespace Dce.Insight.Tests.Contract;

/// <summary>
/// For answers that are not one list (figures, several lists, a graph): an outsider is refused when every list in the
/// answer is empty and every figure is zero. Remembers the calls it checked, to tell which routes it refused.
/// </summary>
public sealed class Blank(HttpClient outsider)
{
    private readonly List<(string Method, string Path)> _checked = [];

    /// <summary>The outsider's answer checked to hold nothing, then the administrator's call through the walk.</summary>
    public async Task<JsonNode?> WalkAsync(ContractWalk walk, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await outsider.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode && IsBlank(JsonNode.Parse(text)), $"{method} {path}: the outsider got {(int)response.StatusCode} {text}");
        _checked.Add((method.Method, path.Split('?')[0]));
        return await walk.CallAsync(method, path, body, outsiderToo: false);
    }

    /// <summary>The routes (<c>METHOD pattern</c>) among <paramref name="routes"/> that a checked call reached.</summary>
    public IEnumerable<string> RefusedAmong(IEnumerable<string> routes) => routes.Where(route =>
    {
        var (method, pattern) = (route[..route.IndexOf(' ')], route[(route.IndexOf(' ') + 1)..]);
        var regex = "^" + string.Concat(Regex.Split(pattern.TrimEnd('/'), @"(\{[^}]+\})").Select(part => part.StartsWith('{') ? "[^/]+" : Regex.Escape(part))) + "$";
        return _checked.Any(call => call.Method == method && Regex.IsMatch(call.Path, regex));
    });

    private static bool IsBlank(JsonNode? node) => node switch
    {
        JsonArray array => array.All(IsBlank),
        JsonObject obj => obj.All(property => IsBlank(property.Value)),
        JsonValue value when value.TryGetValue<double>(out var number) => number == 0,
        JsonValue value when value.TryGetValue<string>(out var text) => text is "[]" || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var figure) || figure == 0,
        _ => true,
    };
}
