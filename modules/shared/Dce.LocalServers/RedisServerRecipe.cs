namespace Dce.LocalServers;

/// <summary>
/// Redis from the OS packages: bound to 127.0.0.1, <c>requirepass</c>, append-only persistence in its folder, and a memory
/// cap at which only keys with an expiry are evicted (<see cref="RedisEviction"/>).
/// </summary>
public sealed class RedisServerRecipe(ServerFolder folder, int port, string maxMemory = RedisEviction.DefaultMaxMemory)
{
    private const string Binary = "/usr/bin/redis-server";
    private readonly ServiceUser _user = ServiceUser.For("redis");

    /// <summary>The port the server listens on.</summary>
    public int Port => port;

    /// <summary>The password every client must give.</summary>
    public string Password { get; } = folder.Password();

    /// <summary>The connection string, in the shape Aspire's StackExchange.Redis integration reads.</summary>
    public string ConnectionString => $"127.0.0.1:{port},password={Password}";

    /// <summary>Writes the configuration (the password stays out of the command line) and answers how to start the server.</summary>
    public ServerLaunch Prepare()
    {
        if (!File.Exists(Binary))
        {
            throw new MissingServerException("Redis", "redis-server");
        }

        Directory.CreateDirectory(folder.Combine("data"));
        var config = folder.WriteSecretFile("redis.conf", string.Join('\n',
            "bind 127.0.0.1",
            "protected-mode yes",
            $"port {port}",
            $"requirepass {Password}",
            $"dir {folder.Combine("data")}",
            "appendonly yes",
            "daemonize no",
            "logfile \"\"",
            "save 60 1000",
            $"maxmemory {maxMemory}",
            $"maxmemory-policy {RedisEviction.Policy}",
            string.Empty));
        _user.Own(folder.Path);
        var (command, arguments) = _user.Wrap(Binary, [config]);
        return new ServerLaunch(command, arguments, new Dictionary<string, string>(), folder.Path);
    }
}
