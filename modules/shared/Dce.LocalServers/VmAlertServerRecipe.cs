namespace Dce.LocalServers;

/// <summary>
/// vmalert from the OS packages: bound to 127.0.0.1, evaluating the rule files Insight writes into its <see cref="RulesFolder"/>
/// against VictoriaMetrics, writing recording rules' results back, and sending firing and resolved alerts to Alertmanager. The datasource goes through the
/// environment (<see cref="Datasource(string, string, string)"/>, or Insight's datasource with <see cref="Datasource(string, string)"/>) so its password never shows on a command line.
/// </summary>
public sealed class VmAlertServerRecipe(ServerFolder folder, int port, string notifierUrl, TimeSpan evaluationInterval)
{
    private const string Binary = "/usr/bin/vmalert";
    private readonly ServiceUser _user = ServiceUser.For("_victoria-metrics");

    /// <summary>Whether the OS package is installed.</summary>
    public static bool IsInstalled => File.Exists(Binary);

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
            $"-notifier.url={notifierUrl}",
            $"-evaluationInterval={(int)evaluationInterval.TotalMilliseconds}ms",
            // Recording rules' results reach the store within a second of their evaluation.
            "-remoteWrite.flushInterval=1s",
            // A missed reload request is caught up by the next check of the rule files.
            "-configCheckInterval=5s",
            "-loggerLevel=WARN",
        ]);
        return new ServerLaunch(command, arguments, new Dictionary<string, string>(), folder.Path);
    }

    /// <summary>
    /// The environment that points vmalert (started with <c>-envflag.enable</c>) at a datasource that takes a bearer token
    /// (Insight's <c>alert/datasource</c>), for its queries and for its remote write of recording rules' results.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Datasource(string endpoint, string bearerToken) => new Dictionary<string, string>
    {
        ["datasource_url"] = endpoint,
        ["datasource_bearerToken"] = bearerToken,
        ["remoteWrite_url"] = endpoint,
        ["remoteWrite_bearerToken"] = bearerToken,
    };

    /// <summary>The environment that points vmalert (started with <c>-envflag.enable</c>) at VictoriaMetrics, for its queries and its remote write.</summary>
    public static IReadOnlyDictionary<string, string> Datasource(string endpoint, string user, string password) => new Dictionary<string, string>
    {
        ["datasource_url"] = endpoint,
        ["datasource_basicAuth_username"] = user,
        ["datasource_basicAuth_password"] = password,
        ["remoteWrite_url"] = endpoint,
        ["remoteWrite_basicAuth_username"] = user,
        ["remoteWrite_basicAuth_password"] = password,
    };
}
