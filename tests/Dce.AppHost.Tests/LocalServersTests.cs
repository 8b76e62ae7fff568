using System.Net;
using Dce.Testing;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using StackExchange.Redis;

namespace Dce.AppHost.Tests;

public sealed class LocalServersTests
{
    [Fact]
    public async Task Postgres_accepts_its_generated_password_only_and_listens_on_loopback()
    {
        await using var postgres = await LocalPostgres.StartAsync();
        var builder = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);

        await using (var connection = new NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW password_encryption", connection);
            Assert.Equal("scram-sha-256", await command.ExecuteScalarAsync());
        }

        builder.Password = "wrong-password";
        var refused = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
        });
        Assert.Equal("28P01", refused.SqlState);
        Assert.All(ListeningSockets.AddressesOn(builder.Port), address => Assert.Equal(IPAddress.Loopback, address));
        Assert.NotEmpty(ListeningSockets.AddressesOn(builder.Port));
    }

    [Fact]
    [Trait("Category", "Security")]
    public async Task Redis_caps_its_memory_and_evicts_only_keys_with_an_expiry()
    {
        await using var redis = await LocalRedis.StartAsync();
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints().Single());

        var settings = (await server.ConfigGetAsync("maxmemory*")).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal((256L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), settings["maxmemory"]);
        Assert.Equal("volatile-lru", settings["maxmemory-policy"]);
    }

    [Fact]
    public async Task Redis_requires_its_password_and_listens_on_loopback()
    {
        await using var redis = await LocalRedis.StartAsync();
        var options = ConfigurationOptions.Parse(redis.ConnectionString);

        await using (var connection = await ConnectionMultiplexer.ConnectAsync(options))
        {
            Assert.True(await connection.GetDatabase().StringSetAsync("dce:test", "1"));
        }

        var port = ((IPEndPoint)options.EndPoints[0]).Port;
        using (var anonymous = new System.Net.Sockets.TcpClient())
        {
            await anonymous.ConnectAsync(IPAddress.Loopback, port);
            var stream = anonymous.GetStream();
            await stream.WriteAsync("GET dce:test\r\n"u8.ToArray());
            var reply = new byte[256];
            var read = await stream.ReadAsync(reply);
            Assert.StartsWith("-NOAUTH", System.Text.Encoding.ASCII.GetString(reply, 0, read), StringComparison.Ordinal);
        }

        Assert.NotEmpty(ListeningSockets.AddressesOn(port));
        Assert.All(ListeningSockets.AddressesOn(port), address => Assert.Equal(IPAddress.Loopback, address));
    }

    [Fact]
    public async Task RabbitMq_accepts_its_own_user_only_and_listens_on_loopback()
    {
        await using var rabbit = await LocalRabbitMq.StartAsync();
        var uri = new Uri(rabbit.ConnectionString);

        await using (var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync())
        {
            Assert.True(connection.IsOpen);
        }

        var guest = new ConnectionFactory { HostName = "127.0.0.1", Port = uri.Port, UserName = "guest", Password = "guest" };
        await Assert.ThrowsAsync<BrokerUnreachableException>(() => guest.CreateConnectionAsync());
        Assert.NotEmpty(ListeningSockets.AddressesOn(uri.Port));
        Assert.All(ListeningSockets.AddressesOn(uri.Port), address => Assert.Equal(IPAddress.Loopback, address));
    }
}
