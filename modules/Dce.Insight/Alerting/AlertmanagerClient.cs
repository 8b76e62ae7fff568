using System.Net;
using System.Text.Json.Nodes;

namespace Dce.Insight.Alerting;

/// <summary>Alertmanager's API v2 for silences; its address comes from <c>ConnectionStrings:alertmanager</c> (<c>Endpoint=...</c>).</summary>
public sealed class AlertmanagerClient(HttpClient http)
{
    public static Uri? ParseEndpoint(string? connectionString) =>
        connectionString?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Equals("Endpoint", StringComparison.OrdinalIgnoreCase))
            .Select(pair => new Uri(pair[1]))
            .FirstOrDefault();

    public bool IsConfigured => http.BaseAddress is not null;

    public async Task<JsonArray> ListSilencesAsync(CancellationToken cancellationToken) =>
        await http.GetFromJsonAsync<JsonArray>("/api/v2/silences", cancellationToken) ?? [];

    public async Task<JsonObject?> GetSilenceAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/v2/silence/{Uri.EscapeDataString(id)}", cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
    }

    /// <summary>Creates (or, with an id, replaces) a silence; its id, or Alertmanager's message when it refuses it.</summary>
    public async Task<(string? Id, string? Error)> PostSilenceAsync(JsonObject silence, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/api/v2/silences", silence, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return (null, text.Trim('"', '\n'));
        }

        response.EnsureSuccessStatusCode();
        return ((JsonNode.Parse(text) as JsonObject)?["silenceID"]?.GetValue<string>(), null);
    }

    public async Task DeleteSilenceAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"/api/v2/silence/{Uri.EscapeDataString(id)}", cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
