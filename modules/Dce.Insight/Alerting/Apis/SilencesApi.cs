using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Insight.Apis;
using Dce.Platform.Contracts.Authorization;

namespace Dce.Insight.Alerting.Apis;

/// <summary>
/// DCE's silences on Alertmanager's API v2. Every silence Insight makes matches its cluster (and namespace) exactly, so it
/// can only quiet alerts of a target the caller may write; it is listed to those who may read that target.
/// </summary>
internal static class SilencesApi
{
    /// <summary>DCE's <c>CreateSilenceRequest</c>, with the silence's window as <c>startsAt</c>/<c>endsAt</c> (default: now, for two hours).</summary>
    public sealed record SilenceRequest(string? Name, string? ClusterName, string? Namespace, string? Description, List<SilenceMatch>? Matches,
        DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

    /// <summary>DCE's <c>match</c>: <c>type</c> is EQUAL (default), NOT_EQUAL, REGEX or NOT_REGEX.</summary>
    public sealed record SilenceMatch(string? Type, string? Key, string? Value);

    private sealed record Comment(string Name, string Description);

    public static IEndpointRouteBuilder MapAlertSilencesApi(this IEndpointRouteBuilder app)
    {
        var silences = app.MapGroup(InsightPaths.Group + "/alert/silences").WithTags("Alert");
        silences.MapGet("/", ListAsync).WithName("Alert_ListSilences").WithSummary("Lists the silences of targets the caller may read");
        silences.MapPost("/", CreateAsync).WithName("Alert_CreateSilence").WithSummary("Silences alerts of a cluster or namespace the caller may write");
        silences.MapGet("/{id}", GetAsync).WithName("Alert_GetSilence").WithSummary("Gets a silence");
        silences.MapPut("/{id}", UpdateAsync).WithName("Alert_UpdateSilence").WithSummary("Changes a silence");
        silences.MapDelete("/{id}", DeleteAsync).WithName("Alert_DeleteSilence").WithSummary("Ends a silence");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, AlertmanagerClient alertmanager) =>
        await ReadAsync(http, alertmanager, async scope => TypedResults.Ok(new
        {
            items = (await alertmanager.ListSilencesAsync(http.RequestAborted)).OfType<JsonObject>()
                .Where(s => Target(s) is { } t && scope.Covers(t.Cluster, t.Namespace) && s["status"]?["state"]?.GetValue<string>() != "expired")
                .Select(View).ToList(),
        }));

    private static async Task<IResult> GetAsync(HttpContext http, AlertmanagerClient alertmanager, string id) =>
        await ReadAsync(http, alertmanager, async scope =>
            await alertmanager.GetSilenceAsync(id, http.RequestAborted) is { } s && Target(s) is { } t && scope.Covers(t.Cluster, t.Namespace)
                ? TypedResults.Ok(View(s))
                : AlertProblems.NotFound("silence"));

    private static Task<IResult> CreateAsync(HttpContext http, AlertmanagerClient alertmanager, TimeProvider clock, SilenceRequest request) =>
        SaveAsync(http, alertmanager, clock, null, request);

    private static async Task<IResult> UpdateAsync(HttpContext http, AlertmanagerClient alertmanager, TimeProvider clock, string id, SilenceRequest request) =>
        await WritableAsync(http, alertmanager, id) is { } problem ? problem : await SaveAsync(http, alertmanager, clock, id, request);

    private static async Task<IResult> DeleteAsync(HttpContext http, AlertmanagerClient alertmanager, string id)
    {
        if (await WritableAsync(http, alertmanager, id) is { } problem)
        {
            return problem;
        }

        await alertmanager.DeleteSilenceAsync(id, http.RequestAborted);
        return TypedResults.Ok(new { });
    }

    private static async Task<IResult> SaveAsync(HttpContext http, AlertmanagerClient alertmanager, TimeProvider clock, string? id, SilenceRequest request)
    {
        if (!alertmanager.IsConfigured)
        {
            return AlertProblems.AlertmanagerUnavailable(http);
        }

        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        var ns = request.Namespace is { Length: > 0 } n ? n : null;
        if (await AlertAccess.WriteScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        if (!scope.Covers(request.ClusterName!, ns))
        {
            return AlertProblems.Forbidden($"Silencing alerts of cluster '{request.ClusterName}'{(ns is null ? "" : $", namespace '{ns}'")} needs Insight's write rights there.");
        }

        var starts = request.StartsAt ?? clock.GetUtcNow();
        var matchers = new JsonArray { Matcher("cluster", request.ClusterName!, isRegex: false, isEqual: true) };
        if (ns is not null)
        {
            matchers.Add(Matcher("namespace", ns, isRegex: false, isEqual: true));
        }

        foreach (var match in request.Matches ?? [])
        {
            var type = (match.Type ?? "EQUAL").ToUpperInvariant();
            matchers.Add(Matcher(match.Key!, match.Value ?? "", type.Contains("REGEX", StringComparison.Ordinal), !type.StartsWith("NOT", StringComparison.Ordinal)));
        }

        var silence = new JsonObject
        {
            ["matchers"] = matchers,
            ["startsAt"] = starts.ToString("O", CultureInfo.InvariantCulture),
            ["endsAt"] = (request.EndsAt ?? starts.AddHours(2)).ToString("O", CultureInfo.InvariantCulture),
            ["createdBy"] = http.User.Identity?.Name ?? "insight",
            ["comment"] = JsonSerializer.Serialize(new Comment(request.Name!, request.Description ?? "")),
        };
        if (id is not null)
        {
            silence["id"] = id;
        }

        try
        {
            var (created, error) = await alertmanager.PostSilenceAsync(silence, http.RequestAborted);
            return error is not null
                ? Problems.BadRequest("silence", error)
                : TypedResults.Ok(View(await alertmanager.GetSilenceAsync(created!, http.RequestAborted) ?? silence));
        }
        catch (HttpRequestException)
        {
            return AlertProblems.AlertmanagerUnavailable(http);
        }
    }

    private static IResult? Check(SilenceRequest request)
    {
        if (!RuleValidator.IsName(request.Name))
        {
            return Problems.BadRequest("name", $"'{request.Name}' is not a valid name: use at most 63 lower-case letters, digits and '-'.");
        }

        if (string.IsNullOrWhiteSpace(request.ClusterName))
        {
            return Problems.BadRequest("clusterName", "Give the cluster whose alerts to silence in 'clusterName'.");
        }

        if (request.Matches?.FirstOrDefault(m => string.IsNullOrWhiteSpace(m.Key) || m.Key is "cluster" or "namespace") is { } bad)
        {
            return Problems.BadRequest("matches", $"Matcher key '{bad.Key}' is not allowed: give a label name other than cluster and namespace (set those with 'clusterName' and 'namespace').");
        }

        return request.EndsAt is { } ends && ends <= (request.StartsAt ?? DateTimeOffset.UtcNow)
            ? Problems.BadRequest("endsAt", "'endsAt' must be after 'startsAt' (and in the future).")
            : null;
    }

    private static async Task<IResult?> WritableAsync(HttpContext http, AlertmanagerClient alertmanager, string id)
    {
        if (!alertmanager.IsConfigured)
        {
            return AlertProblems.AlertmanagerUnavailable(http);
        }

        if (await AlertAccess.ReadScopeAsync(http) is not { } read || await AlertAccess.WriteScopeAsync(http) is not { } write)
        {
            return Problems.ScopeUnavailable(http);
        }

        var silence = await alertmanager.GetSilenceAsync(id, http.RequestAborted);
        return silence is null || Target(silence) is not { } target || !read.Covers(target.Cluster, target.Namespace)
            ? AlertProblems.NotFound("silence")
            : write.Covers(target.Cluster, target.Namespace)
                ? null
                : AlertProblems.Forbidden($"Changing this silence needs Insight's write rights on cluster '{target.Cluster}'.");
    }

    private static async Task<IResult> ReadAsync(HttpContext http, AlertmanagerClient alertmanager, Func<ClusterScope, Task<IResult>> read)
    {
        if (!alertmanager.IsConfigured)
        {
            return AlertProblems.AlertmanagerUnavailable(http);
        }

        if (await AlertAccess.ReadScopeAsync(http) is not { } scope)
        {
            return Problems.ScopeUnavailable(http);
        }

        try
        {
            return await read(scope);
        }
        catch (HttpRequestException)
        {
            return AlertProblems.AlertmanagerUnavailable(http);
        }
    }

    /// <summary>The cluster and namespace a silence is pinned to by exact matchers; null for a silence Insight did not make.</summary>
    private static (string Cluster, string? Namespace)? Target(JsonObject silence)
    {
        var exact = (silence["matchers"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(m => m["isRegex"]?.GetValue<bool>() == false && m["isEqual"]?.GetValue<bool>() != false)
            .ToDictionary(m => m["name"]!.GetValue<string>(), m => m["value"]!.GetValue<string>(), StringComparer.Ordinal);
        return exact.TryGetValue("cluster", out var cluster) ? (cluster, exact.GetValueOrDefault("namespace")) : null;
    }

    private static JsonObject Matcher(string name, string value, bool isRegex, bool isEqual) =>
        new() { ["name"] = name, ["value"] = value, ["isRegex"] = isRegex, ["isEqual"] = isEqual };

    private static object View(JsonObject silence)
    {
        var target = Target(silence);
        Comment? comment = null;
        try
        {
            comment = JsonSerializer.Deserialize<Comment>(silence["comment"]?.GetValue<string>() ?? "");
        }
        catch (JsonException)
        {
        }

        return new
        {
            id = silence["id"]?.GetValue<string>() ?? "",
            name = comment?.Name ?? "",
            description = comment?.Description ?? "",
            clusterName = target?.Cluster ?? "",
            @namespace = target?.Namespace ?? "",
            matches = (silence["matchers"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(m => m["name"]?.GetValue<string>() is not ("cluster" or "namespace"))
                .Select(m => new
                {
                    type = (m["isEqual"]?.GetValue<bool>() == false ? "NOT_" : "") + (m["isRegex"]?.GetValue<bool>() == true ? "REGEX" : "EQUAL"),
                    key = m["name"]?.GetValue<string>(),
                    value = m["value"]?.GetValue<string>(),
                }).ToList(),
            startsAt = silence["startsAt"]?.GetValue<string>(),
            endsAt = silence["endsAt"]?.GetValue<string>(),
            expired = silence["status"]?["state"]?.GetValue<string>() == "expired",
            updateAt = silence["updatedAt"]?.GetValue<string>(),
        };
    }
}
