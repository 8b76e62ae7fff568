using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Dce.AppHost.Hosting;

namespace Dce.AppHost.Tests;

/// <summary>The graph the AppHost builds for each middleware mode (no server is started).</summary>
public sealed class MiddlewareModeTests
{
    [Fact]
    public void Configured_connection_string_selects_the_existing_server()
    {
        var builder = CreateBuilder("--ConnectionStrings:postgres=Host=db.example;Username=dce;Password=x", "--Dce:Middleware:Mode=process");

        var postgres = builder.AddDcePostgres("postgres");
        var database = postgres.AddDatabase("ghippo-db");

        Assert.Equal(MiddlewareMode.External, postgres.Mode);
        Assert.IsNotType<LocalServerResource>(postgres.Server.Resource);
        var parent = Assert.IsType<DcePostgresDatabaseResource>(database.Resource).Parent;
        Assert.Same(postgres.Server.Resource, parent);
    }

    [Fact]
    public void Process_mode_runs_the_os_package_server_on_loopback_with_a_password()
    {
        var builder = CreateBuilder("--Dce:Middleware:Mode=process", "--Dce:Middleware:Ephemeral=true");

        var redis = builder.AddDceRedis("redis");

        var server = Assert.IsType<LocalServerResource>(redis.Resource);
        var connectionString = server.ConnectionStringExpression.ValueExpression;
        Assert.StartsWith("127.0.0.1:", connectionString, StringComparison.Ordinal);
        Assert.Matches(",password=[A-Za-z0-9]{32}$", connectionString);
        Assert.True(server.TryGetLastAnnotation<HealthCheckAnnotation>(out _));
    }

    [Fact]
    public void Container_mode_uses_the_official_images()
    {
        var builder = CreateBuilder("--Dce:Middleware:Mode=container");

        var postgres = builder.AddDcePostgres("postgres");
        var redis = builder.AddDceRedis("redis");
        var messaging = builder.AddDceRabbitMq("messaging");

        Assert.IsType<PostgresServerResource>(postgres.Server.Resource);
        Assert.IsType<RedisResource>(redis.Resource);
        Assert.IsType<RabbitMQServerResource>(messaging.Resource);
    }

    [Fact]
    public void Unknown_mode_is_refused_with_the_choices()
    {
        var builder = CreateBuilder("--Dce:Middleware:Mode=vm");

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddDceRedis("redis"));

        Assert.Contains("auto, container or process", error.Message, StringComparison.Ordinal);
    }

    private static IDistributedApplicationBuilder CreateBuilder(params string[] args) =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, DisableDashboard = true });
}
