using System.Globalization;

namespace Dce.LocalServers;

/// <summary>
/// RabbitMQ from the OS packages as a node of its own: its own node name, ports, data and log folders, Erlang cookie
/// and epmd, every listener on 127.0.0.1, and a user of its own created on first boot.
/// </summary>
public sealed class RabbitMqServerRecipe(ServerFolder folder, RabbitMqPorts ports, string nodeName)
{
    /// <summary>The user the connection string names.</summary>
    public const string UserName = "dce";

    private const string Binary = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private readonly ServiceUser _user = ServiceUser.For("rabbitmq");

    /// <summary>The AMQP port.</summary>
    public int Port => ports.Amqp;

    /// <summary>The user's password.</summary>
    public string Password { get; } = folder.Password();

    /// <summary>The connection string, in the shape Aspire's RabbitMQ integration reads.</summary>
    public string ConnectionString => $"amqp://{UserName}:{Password}@127.0.0.1:{ports.Amqp}/";

    /// <summary>Writes the configuration and answers how to start the node.</summary>
    public ServerLaunch Prepare()
    {
        if (!File.Exists(Binary))
        {
            throw new MissingServerException("RabbitMQ", "rabbitmq-server");
        }

        Directory.CreateDirectory(folder.Combine("mnesia"));
        Directory.CreateDirectory(folder.Combine("log"));
        var config = folder.WriteSecretFile("rabbitmq.conf", string.Join('\n',
            $"listeners.tcp.1 = 127.0.0.1:{ports.Amqp}",
            $"default_user = {UserName}",
            $"default_pass = {Password}",
            "default_vhost = /",
            "default_permissions.configure = .*",
            "default_permissions.read = .*",
            "default_permissions.write = .*",
            "loopback_users = none",
            "log.console = true",
            "log.file = false",
            string.Empty));
        _user.Own(folder.Path);

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = folder.Path,
            ["RABBITMQ_NODENAME"] = nodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = ports.Amqp.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = ports.Distribution.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = ports.Epmd.ToString(CultureInfo.InvariantCulture),
            // The epmd the node starts detaches and outlives it: whoever started the node may stop it at any time.
            ["ERL_EPMD_RELAXED_COMMAND_CHECK"] = "1",
            ["RABBITMQ_MNESIA_BASE"] = folder.Combine("mnesia"),
            ["RABBITMQ_LOG_BASE"] = folder.Combine("log"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = folder.Combine("feature_flags"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = folder.Combine("enabled_plugins"),
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
        };
        var (command, arguments) = _user.Wrap(Binary, []);
        return new ServerLaunch(command, arguments, environment, folder.Path);
    }
}

/// <summary>The three ports a RabbitMQ node listens on: AMQP, Erlang distribution and its own epmd.</summary>
public sealed record RabbitMqPorts(int Amqp, int Distribution, int Epmd)
{
    /// <summary>Three free loopback ports.</summary>
    public static RabbitMqPorts Free()
    {
        var ports = new HashSet<int>();
        while (ports.Count < 3)
        {
            ports.Add(FreePort.Next());
        }

        var distinct = ports.ToArray();
        return new(distinct[0], distinct[1], distinct[2]);
    }
}
