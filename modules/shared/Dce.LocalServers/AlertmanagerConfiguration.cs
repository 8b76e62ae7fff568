using System.Text.Json;

namespace Dce.LocalServers;

/// <summary>
/// Alertmanager's configuration wherever it runs: one route, every alert its own group, every hook address a webhook
/// with <c>send_resolved</c> and a Bearer authorization. JSON is YAML: values are quoted by the serializer, never spliced into text.
/// </summary>
public static class AlertmanagerConfiguration
{
    /// <summary>With the secret itself in the file.</summary>
    public static string WithCredentials(IReadOnlyList<string> hookUrls, string hookSecret, AlertmanagerTimings timings) =>
        Of(hookUrls, new Dictionary<string, object> { ["type"] = "Bearer", ["credentials"] = hookSecret }, timings);

    /// <summary>With the secret read from <paramref name="credentialsFile"/>.</summary>
    public static string WithCredentialsFile(IReadOnlyList<string> hookUrls, string credentialsFile, AlertmanagerTimings timings) =>
        Of(hookUrls, new Dictionary<string, object> { ["type"] = "Bearer", ["credentials_file"] = credentialsFile }, timings);

    private static string Of(IReadOnlyList<string> hookUrls, Dictionary<string, object> authorization, AlertmanagerTimings timings) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["route"] = new Dictionary<string, object>
            {
                ["receiver"] = "insight",
                // Every alert is its own notification group: the hook handles each alert on its own.
                ["group_by"] = new[] { "..." },
                ["group_wait"] = Go(timings.GroupWait),
                ["group_interval"] = Go(timings.GroupInterval),
                ["repeat_interval"] = Go(timings.RepeatInterval),
            },
            ["receivers"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = "insight",
                    ["webhook_configs"] = hookUrls.Select(url => new Dictionary<string, object>
                    {
                        ["url"] = url,
                        ["send_resolved"] = true,
                        ["http_config"] = new Dictionary<string, object> { ["authorization"] = authorization },
                    }).ToArray(),
                },
            },
        });

    private static string Go(TimeSpan duration) => $"{(long)duration.TotalMilliseconds}ms";
}
