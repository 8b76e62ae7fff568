namespace Dce.LocalServers;

/// <summary>
/// VictoriaMetrics (single node) from the OS packages: bound to 127.0.0.1, its data and retention in its folder, and HTTP
/// basic auth on every endpoint but <c>/health</c>, with a generated password given through the environment so it never
/// shows on a command line.
/// </summary>
public sealed class VictoriaMetricsServerRecipe(ServerFolder folder, int port, string retention = VictoriaMetricsServerRecipe.DefaultRetention)
{
    public const string DefaultRetention = "15d";
    public const string User = "dce";
    private const string Binary = "/usr/bin/victoria-metrics";
    private readonly ServiceUser _user = ServiceUser.For("_victoria-metrics");

    public int Port => port;

    public string Password { get; } = folder.Password();

    /// <summary>The base address with its credentials, as the Insight module reads it: <c>Endpoint=...;Username=...;Password=...</c>.</summary>
    public string ConnectionString => $"Endpoint=http://127.0.0.1:{port};Username={User};Password={Password}";

    public string Endpoint => $"http://127.0.0.1:{port}";

    public ServerLaunch Prepare()
    {
        if (!File.Exists(Binary))
        {
            throw new MissingServerException("VictoriaMetrics", "victoria-metrics");
        }

        Directory.CreateDirectory(folder.Combine("data"));
        _user.Own(folder.Path);
        var (command, arguments) = _user.Wrap(Binary,
        [
            "-envflag.enable",
            $"-httpListenAddr=127.0.0.1:{port}",
            $"-storageDataPath={folder.Combine("data")}",
            $"-retentionPeriod={retention}",
            // A sample is searchable as soon as it is stored, so a scrape shows in the next query.
            "-search.latencyOffset=0s",
            "-loggerLevel=WARN",
        ]);
        return new ServerLaunch(command, arguments, new Dictionary<string, string>
        {
            ["httpAuth_username"] = User,
            ["httpAuth_password"] = Password,
        }, folder.Path);
    }
}
