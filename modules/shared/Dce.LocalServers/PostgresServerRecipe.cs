namespace Dce.LocalServers;

/// <summary>
/// PostgreSQL from the OS packages: <c>initdb</c> once with SCRAM password authentication, then <c>postgres</c>
/// listening on 127.0.0.1 only, with no Unix socket.
/// </summary>
public sealed class PostgresServerRecipe(ServerFolder folder, int port)
{
    /// <summary>The superuser the connection string names.</summary>
    public const string UserName = "postgres";

    private readonly ServiceUser _user = ServiceUser.For("postgres");

    /// <summary>The port the server listens on.</summary>
    public int Port => port;

    /// <summary>The superuser's password.</summary>
    public string Password { get; } = folder.Password();

    /// <summary>The server connection string, in the shape Aspire's Npgsql integrations read.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={port};Username={UserName};Password={Password}";

    private string DataDirectory => folder.Combine("data");

    /// <summary>Initialises the cluster on first use and answers how to start the server.</summary>
    public ServerLaunch Prepare()
    {
        var bin = FindBinDirectory();
        _user.Own(folder.Path);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            Initialize(bin);
        }

        string[] arguments =
        [
            "-D", DataDirectory,
            "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1",
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
        ];
        var (command, wrapped) = _user.Wrap(Path.Combine(bin, "postgres"), arguments);
        return new ServerLaunch(command, wrapped, new Dictionary<string, string>(), folder.Path);
    }

    private void Initialize(string bin)
    {
        var passwordFile = folder.WriteSecretFile("initdb.pw", Password);
        _user.Own(folder.Path);
        try
        {
            _user.Run(Path.Combine(bin, "initdb"),
            [
                "-D", DataDirectory, "--username", UserName, "--pwfile", passwordFile,
                "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8",
            ]);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>The newest installed PostgreSQL's bin folder.</summary>
    public static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "postgres")) && File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new MissingServerException("PostgreSQL", "postgresql");
    }
}
