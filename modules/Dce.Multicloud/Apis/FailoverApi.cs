using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dce.Kubernetes.Resources;
using Dce.Multicloud.Access;
using Dce.Multicloud.Auditing;
using Dce.Multicloud.Instances;
using Dce.Multicloud.Propagation;
using Dce.Platform.Contracts.DceApi;
using k8s.Autorest;

namespace Dce.Multicloud.Apis;

/// <summary>
/// DCE's instance failover settings (<c>…/instances/{instance}/failover</c>): <c>enabled</c>, and of the timeouts the two
/// the engine acts on, <c>failoverEvictionTimeout</c> (how long a NotReady or unreachable member keeps its workloads when
/// the policy sets no toleration) and <c>gracefulEvictionTimeout</c> (how long an evicted copy waits for its
/// replacements), in seconds. Timeouts the engine does not act on are refused rather than kept unused.
/// </summary>
internal static class FailoverApi
{
    private const long MaxSeconds = 7 * 24 * 3600;
    private static readonly ResourceKind ConfigMaps = new("", "v1", "configmaps", "ConfigMap");
    private static readonly string[] Unsupported = ["clusterMonitorPeriod", "clusterStartupGracePeriod", "clusterMonitorGracePeriod", "clusterSuccessThreshold", "clusterFailureThreshold"];

    public static IEndpointRouteBuilder MapFailoverApi(this IEndpointRouteBuilder app)
    {
        var failover = app.MapGroup($"{KairshipPaths.Instance}/failover").WithTags("Instances");
        failover.MapGet("", GetAsync).WithName("GetInstanceFailover").WithSummary("The instance's failover settings.")
            .RequireInstanceAccess("get", "instances", Reach.Instance);
        failover.MapPut("", UpdateAsync).WithName("UpdateInstanceFailover").WithSummary("Changes the instance's failover settings.")
            .ProducesValidationProblem().Audited("update", "failover").RequireInstanceAccess("update", "instances", Reach.Instance);
        return app;
    }

    private static async Task<IResult> GetAsync(ControlPlanes planes, string instance, CancellationToken cancellationToken) =>
        DceJson.Ok(View(await ReadAsync(planes.Find(instance)!, cancellationToken)));

    private static async Task<IResult> UpdateAsync(ControlPlanes planes, string instance, JsonObject body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (body["enabled"] is { } enabled && enabled.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors["enabled"] = ["enabled is true or false."];
        }

        var timeout = body["timeout"] as JsonObject;
        var failover = Seconds(timeout, "failoverEvictionTimeout", errors);
        var graceful = Seconds(timeout, "gracefulEvictionTimeout", errors);
        foreach (var field in Unsupported.Where(field => Seconds(timeout, field, errors) is { } given && given > TimeSpan.Zero))
        {
            errors[$"timeout.{field}"] = [$"{field} is not supported here: member health is probed every few seconds by the engine; leave it out or 0."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The failover settings are refused; nothing was changed.");
        }

        var settings = new FailoverSettings(body["enabled"]?.GetValue<bool>() ?? true, failover, graceful);
        var plane = planes.Find(instance)!;
        try
        {
            await ResourceClient.CreateAsync(plane.Client, ConfigMaps, FailoverSettings.Namespace, settings.ToConfigMap(), cancellationToken);
        }
        catch (HttpOperationException exists) when (exists.Response?.StatusCode == HttpStatusCode.Conflict)
        {
            await ResourceClient.ReplaceAsync(plane.Client, ConfigMaps, FailoverSettings.Namespace, FailoverSettings.Name, settings.ToConfigMap(), cancellationToken);
        }

        return DceJson.Ok(View(settings));
    }

    private static async Task<FailoverSettings> ReadAsync(ControlPlane plane, CancellationToken cancellationToken)
    {
        try
        {
            return FailoverSettings.From(await ResourceClient.GetAsync(plane.Client, ConfigMaps, FailoverSettings.Namespace, FailoverSettings.Name, cancellationToken));
        }
        catch (HttpOperationException missing) when (missing.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return FailoverSettings.Default;
        }
    }

    private static JsonObject View(FailoverSettings settings)
    {
        var timeout = new JsonObject();
        if (settings.FailoverEvictionTimeout is { } failover)
        {
            timeout["failoverEvictionTimeout"] = ((long)failover.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (settings.GracefulEvictionTimeout is { } graceful)
        {
            timeout["gracefulEvictionTimeout"] = ((long)graceful.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return new JsonObject { ["enabled"] = settings.Enabled, ["timeout"] = timeout };
    }

    /// <summary>A timeout in seconds, given as DCE's int64 string or as a number; null when absent.</summary>
    private static TimeSpan? Seconds(JsonObject? timeout, string field, Dictionary<string, string[]> errors)
    {
        var value = timeout?[field];
        if (value is null)
        {
            return null;
        }

        var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxSeconds)
        {
            errors[$"timeout.{field}"] = [$"{field} is a whole number of seconds from 0 to {MaxSeconds}."];
            return null;
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
