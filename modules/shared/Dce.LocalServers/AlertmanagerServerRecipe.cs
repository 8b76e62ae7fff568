namespace Dce.LocalServers;

/// <summary>
/// Alertmanager from the OS packages: bound to 127.0.0.1 with no gossip port, its silences and notification log in its
/// folder, and one route that sends every alert (firing and resolved) to Insight's hook with a generated bearer secret.
/// </summary>
public sealed class AlertmanagerServerRecipe(ServerFolder folder, int port, string hookUrl, AlertmanagerTimings? timings = null)
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";
    private readonly ServiceUser _user = ServiceUser.For("prometheus");

    public int Port => port;

    public string Endpoint => $"http://127.0.0.1:{port}";

    /// <summary><c>Endpoint=...</c>, as the Insight module reads it.</summary>
    public string ConnectionString => $"Endpoint={Endpoint}";

    /// <summary>The secret Alertmanager presents to the hook; Insight is given the same (<c>Insight:Alerting:HookSecret</c>).</summary>
    public string HookSecret { get; } = folder.Password();

    public ServerLaunch Prepare()
    {
        if (!File.Exists(Binary))
        {
            throw new MissingServerException("Alertmanager", "prometheus-alertmanager");
        }

        var timing = timings ?? AlertmanagerTimings.Default;
        Directory.CreateDirectory(folder.Combine("data"));
        // JSON is YAML: the secret and address are quoted by the serializer, never spliced into text.
        var configuration = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["route"] = new Dictionary<string, object>
            {
                ["receiver"] = "insight",
                // Every alert is its own notification group: the hook handles each alert on its own.
                ["group_by"] = new[] { "..." },
                ["group_wait"] = Go(timing.GroupWait),
                ["group_interval"] = Go(timing.GroupInterval),
                ["repeat_interval"] = Go(timing.RepeatInterval),
            },
            ["receivers"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["name"] = "insight",
                    ["webhook_configs"] = new object[]
                    {
                        new Dictionary<string, object>
                        {
                            ["url"] = hookUrl,
                            ["send_resolved"] = true,
                            ["http_config"] = new Dictionary<string, object>
                            {
                                ["authorization"] = new Dictionary<string, object> { ["type"] = "Bearer", ["credentials"] = HookSecret },
                            },
                        },
                    },
                },
            },
        });
        var configFile = folder.WriteSecretFile("alertmanager.yml", configuration);
        _user.Own(folder.Path);
        var (command, arguments) = _user.Wrap(Binary,
        [
            $"--config.file={configFile}",
            $"--storage.path={folder.Combine("data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
            "--log.level=warn",
        ]);
        return new ServerLaunch(command, arguments, new Dictionary<string, string>(), folder.Path);
    }

    private static string Go(TimeSpan duration) => $"{(long)duration.TotalMilliseconds}ms";
}

/// <summary>How long Alertmanager waits before the first notification of an alert, between updates, and before repeating one.</summary>
public sealed record AlertmanagerTimings(TimeSpan GroupWait, TimeSpan GroupInterval, TimeSpan RepeatInterval)
{
    public static AlertmanagerTimings Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromHours(4));
}
