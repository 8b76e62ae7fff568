namespace Dce.LocalServers;

/// <summary>
/// Alertmanager from the OS packages: bound to 127.0.0.1 with no gossip port, its silences and notification log in its
/// folder, and the <see cref="AlertmanagerConfiguration"/> that sends every alert (firing and resolved) to Insight's hook.
/// </summary>
public sealed class AlertmanagerServerRecipe(ServerFolder folder, int port, AlertmanagerTimings? timings = null)
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";
    private readonly ServiceUser _user = ServiceUser.For("prometheus");

    /// <summary>Whether the OS package is installed.</summary>
    public static bool IsInstalled => File.Exists(Binary);

    public int Port => port;

    public string Endpoint => $"http://127.0.0.1:{port}";

    /// <summary><c>Endpoint=...</c>, as the Insight module reads it.</summary>
    public string ConnectionString => $"Endpoint={Endpoint}";

    private string ConfigurationFile => folder.Combine("alertmanager.yml");

    /// <summary>Writes the configuration, then describes the start.</summary>
    public ServerLaunch Prepare(IReadOnlyList<string> hookUrls, string hookSecret)
    {
        WriteConfiguration(hookUrls, hookSecret);
        return Launch();
    }

    /// <summary>The start of a server whose configuration <see cref="WriteConfiguration"/> writes before it starts.</summary>
    public ServerLaunch Launch()
    {
        if (!File.Exists(Binary))
        {
            throw new MissingServerException("Alertmanager", "prometheus-alertmanager");
        }

        Directory.CreateDirectory(folder.Combine("data"));
        _user.Own(folder.Path);
        var (command, arguments) = _user.Wrap(Binary,
        [
            $"--config.file={ConfigurationFile}",
            $"--storage.path={folder.Combine("data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=",
            "--log.level=warn",
        ]);
        return new ServerLaunch(command, arguments, new Dictionary<string, string>(), folder.Path);
    }

    /// <summary>
    /// The configuration, readable by the server's user only: every hook address gets each notification with
    /// <paramref name="hookSecret"/> as its Bearer token (the hook stores a notification sent twice once).
    /// </summary>
    public void WriteConfiguration(IReadOnlyList<string> hookUrls, string hookSecret)
    {
        folder.WriteSecretFile(Path.GetFileName(ConfigurationFile),
            AlertmanagerConfiguration.WithCredentials(hookUrls, hookSecret, timings ?? AlertmanagerTimings.Default));
        _user.Own(folder.Path);
    }
}
