namespace Dce.LocalServers;

/// <summary>
/// vmalert from the OS packages: bound to 127.0.0.1, evaluating the rule files Insight writes into its <see cref="RulesFolder"/>
/// against VictoriaMetrics and sending firing and resolved alerts to Alertmanager. The datasource password goes through the
/// environment so it never shows on a command line.
/// </summary>
public sealed class VmAlertServerRecipe(ServerFolder folder, int port, string datasourceEndpoint, string datasourceUser, string datasourcePassword,
    string notifierUrl, TimeSpan evaluationInterval)
{
    private const string Binary = "/usr/bin/vmalert";
    private readonly ServiceUser _user = ServiceUser.For("_victoria-metrics");

    public int Port => port;

    public string Endpoint => $"http://127.0.0.1:{port}";

    /// <summary>The folder of rule files (one YAML file per group) that vmalert reads and Insight writes.</summary>
    public string RulesFolder => folder.Combine("rules");

    public ServerLaunch Prepare()
    {
        if (!File.Exists(Binary))
        {
            throw new MissingServerException("vmalert", "victoria-metrics");
        }

        Directory.CreateDirectory(RulesFolder);
        _user.Own(folder.Path);
        var (command, arguments) = _user.Wrap(Binary,
        [
            "-envflag.enable",
            $"-httpListenAddr=127.0.0.1:{port}",
            $"-rule={RulesFolder}/*.yaml",
            $"-datasource.url={datasourceEndpoint}",
            $"-datasource.basicAuth.username={datasourceUser}",
            $"-notifier.url={notifierUrl}",
            $"-evaluationInterval={(int)evaluationInterval.TotalMilliseconds}ms",
            // A missed reload request is caught up by the next check of the rule files.
            "-configCheckInterval=5s",
            "-loggerLevel=WARN",
        ]);
        return new ServerLaunch(command, arguments, new Dictionary<string, string>
        {
            ["datasource_basicAuth_password"] = datasourcePassword,
        }, folder.Path);
    }
}
